ALTER TABLE "trajectories" ADD COLUMN "search" "tsvector";--> statement-breakpoint
CREATE INDEX "trajectories_search_idx" ON "trajectories" USING gin ("search");