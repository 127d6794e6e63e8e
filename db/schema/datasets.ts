import {
  bigint,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { blobs } from "./blobs";
import { exportStatus } from "./enums";
import { trajectories } from "./trajectories";
import { users } from "./users";

export type MemberSnapshot = { tags: string; tor: number | null; var: number | null; closedLoop: number | null; egs: number | null; egsVersion: string | null };

/** A named, editable selection: a filter expression plus curation options. */
export const datasets = pgTable("datasets", {
  id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  name: text().notNull().unique(),
  description: text(),
  filter: text().notNull().default(""),
  options: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  createdBy: bigint({ mode: "number" }).references(() => users.id),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * A frozen dataset: never updated or deleted once written (a trigger in the migrations refuses
 * both), so exporting a version again gives the same bytes.
 */
export const datasetVersions = pgTable(
  "dataset_versions",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    datasetId: bigint({ mode: "number" })
      .notNull()
      .references(() => datasets.id),
    version: integer().notNull(),
    filter: text().notNull(),
    options: jsonb().$type<Record<string, unknown>>().notNull(),
    memberCount: integer().notNull(),
    /** SHA-256 over the ordered member source hashes, filter and options. */
    contentHash: text().notNull(),
    stats: jsonb().$type<Record<string, unknown>>().notNull(),
    createdBy: bigint({ mode: "number" }).references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("dataset_versions_dataset_version_key").on(t.datasetId, t.version)],
);

export const datasetVersionMembers = pgTable(
  "dataset_version_members",
  {
    versionId: bigint({ mode: "number" })
      .notNull()
      .references(() => datasetVersions.id),
    trajectoryId: bigint({ mode: "number" })
      .notNull()
      .references(() => trajectories.id),
    split: text().$type<"train" | "validation">().notNull().default("train"),
    /**
     * The member as frozen: its metrics and each step's effective tag (one letter per step:
     * i/a/v/o, "-" untagged). Labels and rules change later; an export of the version must not.
     */
    snapshot: jsonb().$type<MemberSnapshot>().notNull().default({ tags: "", tor: null, var: null, closedLoop: null, egs: null, egsVersion: null }),
    /** The member's place in the version's export order (by source hash: the same on any database). */
    position: integer().notNull().default(0),
    /**
     * The member's whole content as exports read it (steps, texts, frozen tags), a blob written at
     * freeze: a version exports the same bytes whatever later happens to the live rows, and an
     * export reads one compressed document per member instead of re-aggregating its steps.
     */
    contentHash: text().references(() => blobs.hash),
  },
  (t) => [
    primaryKey({ columns: [t.versionId, t.trajectoryId] }),
    index("dataset_version_members_trajectory_idx").on(t.trajectoryId),
    // Exports read a split a batch at a time in this order.
    index("dataset_version_members_position_idx").on(t.versionId, t.split, t.position),
    // Versions frozen before contents existed are completed when a database opens: an index probe.
    index("dataset_version_members_unstored_idx").on(t.versionId).where(sql`${t.contentHash} is null`),
  ],
);

export const exports = pgTable(
  "exports",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    datasetVersionId: bigint({ mode: "number" })
      .notNull()
      .references(() => datasetVersions.id),
    format: text().$type<"openai" | "sharegpt" | "axolotl" | "atif">().notNull(),
    options: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    status: exportStatus().notNull().default("running"),
    path: text(),
    contentHash: text(),
    bytes: bigint({ mode: "number" }),
    trajectoryCount: integer(),
    error: text(),
    createdBy: bigint({ mode: "number" }).references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("exports_version_idx").on(t.datasetVersionId)],
);

/** Closes the loop: which curated version trained which student to which score. */
export const studentResults = pgTable(
  "student_results",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    datasetVersionId: bigint({ mode: "number" })
      .notNull()
      .references(() => datasetVersions.id),
    studentModel: text().notNull(),
    benchmark: text().notNull(),
    score: doublePrecision().notNull(),
    notes: text(),
    createdBy: bigint({ mode: "number" }).references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("student_results_version_idx").on(t.datasetVersionId)],
);
