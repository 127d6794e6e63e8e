ALTER TABLE "dataset_version_members" ADD COLUMN "position" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "dataset_version_members_position_idx" ON "dataset_version_members" USING btree ("version_id","split","position");--> statement-breakpoint
-- Versions frozen before the column existed get their order now (by source hash, as exports read
-- them). Their rows are otherwise immutable: the guard is lifted for this one backfill only.
ALTER TABLE "dataset_version_members" DISABLE TRIGGER "dataset_version_members_immutable";--> statement-breakpoint
UPDATE "dataset_version_members" m SET "position" = r.position
FROM (
  SELECT m2.version_id, m2.trajectory_id, row_number() OVER (PARTITION BY m2.version_id ORDER BY t.source_hash) AS position
  FROM "dataset_version_members" m2 JOIN "trajectories" t ON t.id = m2.trajectory_id
) r
WHERE m.version_id = r.version_id AND m.trajectory_id = r.trajectory_id;--> statement-breakpoint
ALTER TABLE "dataset_version_members" ENABLE TRIGGER "dataset_version_members_immutable";
