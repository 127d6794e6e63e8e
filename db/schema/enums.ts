import { pgEnum } from "drizzle-orm/pg-core";

/** The four step tags of egs-v1 (DESIGN.md, "Step tags and EGS"). */
export const stepTag = pgEnum("step_tag", ["inspect", "act", "verify", "other"]);

/** Roles grow by privilege: each includes everything of the ones before it. */
export const userRole = pgEnum("user_role", ["viewer", "annotator", "curator", "admin"]);

export const taskValidation = pgEnum("task_validation", ["unvalidated", "valid", "invalid", "error"]);

export const rolloutStatus = pgEnum("rollout_status", [
  "queued",
  "running",
  "succeeded",
  "failed",
  "cancelled",
]);

export const exportStatus = pgEnum("export_status", ["running", "done", "failed", "cancelled"]);
