import { bigint, doublePrecision, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { agents } from "./agents";
import { rolloutStatus } from "./enums";
import { tasks } from "./tasks";
import { trajectories } from "./trajectories";

/** One attempt of one agent on one task; the table is also the work queue for workers. */
export const rolloutJobs = pgTable(
  "rollout_jobs",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    taskId: bigint({ mode: "number" })
      .notNull()
      .references(() => tasks.id),
    agentId: bigint({ mode: "number" })
      .notNull()
      .references(() => agents.id),
    /** The agent settings this job ran with, frozen at enqueue time. */
    agentConfig: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    attempt: integer().notNull().default(1),
    status: rolloutStatus().notNull().default("queued"),
    tries: integer().notNull().default(0),
    workerId: text(),
    containerId: text(),
    queuedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp({ withTimezone: true }),
    heartbeatAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
    reward: doublePrecision(),
    error: text(),
    logs: text(),
    trajectoryId: bigint({ mode: "number" }).references(() => trajectories.id, { onDelete: "set null" }),
  },
  (t) => [
    index("rollout_jobs_queue_idx").on(t.status, t.queuedAt, t.id),
    index("rollout_jobs_task_idx").on(t.taskId, t.agentId),
  ],
);
