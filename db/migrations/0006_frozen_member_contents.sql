ALTER TABLE "dataset_version_members" ADD COLUMN "content_hash" text;--> statement-breakpoint
ALTER TABLE "dataset_version_members" ADD CONSTRAINT "dataset_version_members_content_hash_blobs_hash_fk" FOREIGN KEY ("content_hash") REFERENCES "public"."blobs"("hash") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dataset_version_members_unstored_idx" ON "dataset_version_members" USING btree ("version_id") WHERE "dataset_version_members"."content_hash" is null;--> statement-breakpoint
-- A member stays immutable, except that its stored content is filled in once: by the freeze that
-- wrote it, or for versions frozen before contents existed, by the application when it opens the
-- database. Nothing else about a member may change, and a stored content never does.
CREATE FUNCTION refuse_member_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.content_hash IS NULL AND NEW.content_hash IS NOT NULL
     AND (NEW.version_id, NEW.trajectory_id, NEW.split, NEW.position, NEW.snapshot)
         IS NOT DISTINCT FROM (OLD.version_id, OLD.trajectory_id, OLD.split, OLD.position, OLD.snapshot) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'dataset versions are immutable: % on % refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'restrict_violation';
END;
$$;
--> statement-breakpoint
DROP TRIGGER dataset_version_members_immutable ON dataset_version_members;
--> statement-breakpoint
CREATE TRIGGER dataset_version_members_immutable BEFORE UPDATE OR DELETE ON dataset_version_members
  FOR EACH ROW EXECUTE FUNCTION refuse_member_change();
