import {
  bigint,
  boolean,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { agents } from "./agents";
import { blobs } from "./blobs";
import { stepTag } from "./enums";
import { tasks } from "./tasks";

/**
 * One executed command of a step with its auto tag, the rule that gave it, and what it touched
 * (the metrics are recomputed from these when a human relabels a step).
 */
export type StepCommand = {
  text: string;
  tag: (typeof stepTag.enumValues)[number];
  rule: string;
  confidence: number;
  /** Empty lists are not stored: read them with `?? []`. */
  reads: string[];
  writes: string[];
  runs: string[];
  tests?: boolean;
  recursive?: boolean;
  scope?: string;
};

export const trajectories = pgTable(
  "trajectories",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    taskId: bigint({ mode: "number" }).references(() => tasks.id, { onDelete: "set null" }),
    agentId: bigint({ mode: "number" }).references(() => agents.id, { onDelete: "set null" }),
    sourceFormat: text().notNull(),
    sourcePath: text(),
    /** SHA-256 of the normalized source content: the idempotency key of imports. */
    sourceHash: text().notNull(),
    sourceBlob: text().references(() => blobs.hash),
    recordingBlob: text().references(() => blobs.hash),
    sessionId: text(),
    reward: doublePrecision(),
    resolved: boolean(),
    startedAt: timestamp({ withTimezone: true }),
    endedAt: timestamp({ withTimezone: true }),
    durationMs: bigint({ mode: "number" }),
    promptTokens: bigint({ mode: "number" }),
    completionTokens: bigint({ mode: "number" }),
    cachedTokens: bigint({ mode: "number" }),
    costUsd: doublePrecision(),
    stepCount: integer().notNull().default(0),
    labeledStepCount: integer().notNull().default(0),
    tor: real(),
    var: real(),
    closedLoop: real(),
    iavCycles: integer(),
    egs: real(),
    egsVersion: text(),
    /** The breakdown behind the metrics (which acts were supported, by which observation). */
    metricsDetail: jsonb().$type<Record<string, unknown>>(),
    failureTags: text().array().notNull().default([]),
    /** What the importer could not map: shown in the validation report. */
    importWarnings: text().array().notNull().default([]),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("trajectories_source_hash_key").on(t.sourceHash),
    // The list page sorts by these with (value, id) cursors.
    index("trajectories_created_idx").on(t.createdAt.desc(), t.id.desc()),
    index("trajectories_egs_idx").on(t.egs, t.id),
    index("trajectories_tor_idx").on(t.tor, t.id),
    index("trajectories_steps_idx").on(t.stepCount, t.id),
    index("trajectories_agent_idx").on(t.agentId, t.id),
    index("trajectories_task_idx").on(t.taskId, t.agentId),
    index("trajectories_failure_tags_idx").using("gin", t.failureTags),
  ],
);

export const steps = pgTable(
  "steps",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    trajectoryId: bigint({ mode: "number" })
      .notNull()
      .references(() => trajectories.id, { onDelete: "cascade" }),
    index: integer().notNull(),
    /** Who produced the step: the agent, the user (task prompt) or the harness. */
    source: text().$type<"agent" | "user" | "system">().notNull().default("agent"),
    startedAt: timestamp({ withTimezone: true }),
    /** Seconds from the start of the recording, for syncing the replay. */
    recordingOffset: doublePrecision(),
    thought: text(),
    toolName: text(),
    toolArgs: jsonb(),
    /** The action as a command line (or a rendering of a non-shell tool call). */
    action: text(),
    keystrokes: text(),
    observation: text(),
    exitCode: integer(),
    /** False for copied context and deterministic dispatch: shown, never trained on. */
    trainable: boolean().notNull().default(true),
    commands: jsonb().$type<StepCommand[]>().notNull().default([]),
    autoTag: stepTag(),
    autoRule: text(),
    autoConfidence: real(),
    rulesVersion: text(),
    /** Human label if any, else the auto tag: what metrics and filters use. */
    tag: stepTag(),
  },
  // No index on tag: four values over millions of rows, never selective; it cost a quarter of insert speed.
  (t) => [uniqueIndex("steps_trajectory_index_key").on(t.trajectoryId, t.index)],
);

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * Full-text search over a trajectory's commands and outputs (server/search/search-lexemes.ts
 * writes the words). A table of its own: thousands of words per trajectory inside the
 * trajectories rows would make every scan and sort of the list read ten times the bytes.
 */
export const trajectorySearch = pgTable(
  "trajectory_search",
  {
    trajectoryId: bigint({ mode: "number" })
      .primaryKey()
      .references(() => trajectories.id, { onDelete: "cascade" }),
    words: tsvector().notNull(),
  },
  (t) => [index("trajectory_search_words_idx").using("gin", t.words)],
);
