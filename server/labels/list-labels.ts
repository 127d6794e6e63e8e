import { desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { labels, users } from "@/db/schema";

const labelColumns = {
  id: labels.id,
  stepId: labels.stepId,
  annotator: users.name,
  tag: labels.tag,
  note: labels.note,
  createdAt: labels.createdAt,
};

/** Every label ever given to the step, newest first. */
export async function labelHistory(db: Db, stepId: number) {
  return db
    .select(labelColumns)
    .from(labels)
    .innerJoin(users, eq(users.id, labels.annotatorId))
    .where(eq(labels.stepId, stepId))
    .orderBy(desc(labels.id));
}

/** Each annotator's current label of the step (their latest), by annotator name. */
export async function currentLabels(db: Db, stepId: number) {
  return db
    .selectDistinctOn([labels.annotatorId], labelColumns)
    .from(labels)
    .innerJoin(users, eq(users.id, labels.annotatorId))
    .where(eq(labels.stepId, stepId))
    .orderBy(labels.annotatorId, desc(labels.id))
    .then((rows) => rows.sort((a, b) => a.annotator.localeCompare(b.annotator)));
}
