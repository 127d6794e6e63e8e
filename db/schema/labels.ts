import { bigint, index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { stepTag } from "./enums";
import { steps } from "./trajectories";
import { users } from "./users";

/**
 * Human step labels. Append-only: a change is a new row, so the history is the table and the
 * latest row per (step, annotator) wins.
 */
export const labels = pgTable(
  "labels",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    stepId: bigint({ mode: "number" })
      .notNull()
      .references(() => steps.id, { onDelete: "cascade" }),
    annotatorId: bigint({ mode: "number" })
      .notNull()
      .references(() => users.id),
    tag: stepTag().notNull(),
    note: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("labels_step_annotator_idx").on(t.stepId, t.annotatorId, t.id.desc()),
    index("labels_annotator_idx").on(t.annotatorId, t.createdAt),
  ],
);
