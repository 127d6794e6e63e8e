-- A frozen dataset version is a promise: exporting it again gives the same bytes. The database
-- keeps that promise even against code bugs and hand-written SQL.
CREATE FUNCTION refuse_frozen_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'dataset versions are immutable: % on % refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'restrict_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER dataset_versions_immutable BEFORE UPDATE OR DELETE ON dataset_versions
  FOR EACH ROW EXECUTE FUNCTION refuse_frozen_change();
--> statement-breakpoint
CREATE TRIGGER dataset_version_members_immutable BEFORE UPDATE OR DELETE ON dataset_version_members
  FOR EACH ROW EXECUTE FUNCTION refuse_frozen_change();
--> statement-breakpoint
-- Members may only be added by the transaction that created the version (the freeze itself).
CREATE FUNCTION refuse_late_member() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM dataset_versions
    WHERE id = NEW.version_id AND xmin::text = (txid_current() % 4294967296)::text
  ) THEN
    RAISE EXCEPTION 'dataset version % is frozen: members can only be added while freezing', NEW.version_id
      USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER dataset_version_members_frozen BEFORE INSERT ON dataset_version_members
  FOR EACH ROW EXECUTE FUNCTION refuse_late_member();
