import { boolean, bigint, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { blobs } from "./blobs";
import { taskValidation } from "./enums";

export type TaskEnvironment = {
  image?: string;
  dockerfile?: string;
  cpus?: number;
  memoryMb?: number;
  allowInternet?: boolean;
  storageMb?: number;
  buildTimeoutSec?: number;
  agentTimeoutSec?: number;
  verifierTimeoutSec?: number;
};

export const tasks = pgTable(
  "tasks",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull().unique(),
    /** Where the task came from: a benchmark name, a directory, a run. */
    source: text(),
    instruction: text(),
    category: text(),
    difficulty: text(),
    tags: text().array().notNull().default([]),
    environment: jsonb().$type<TaskEnvironment>(),
    /** Hash of the task directory; rollouts cache the built image by it. */
    checksum: text(),
    /**
     * Blob hash of a tar of the task directory, so a worker on any machine can build and run the
     * task from the database alone. Null for tasks known only by name (from imports).
     */
    bundleBlob: text().references(() => blobs.hash),
    hasTests: boolean().notNull().default(false),
    hasSolution: boolean().notNull().default(false),
    validation: taskValidation().notNull().default("unvalidated"),
    oraclePassed: boolean(),
    nopFailed: boolean(),
    validatedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("tasks_category_idx").on(t.category), index("tasks_validation_idx").on(t.validation)],
);
