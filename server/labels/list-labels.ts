import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { labels, steps, users } from "@/db/schema";

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

export type CurrentLabel = { stepId: number; annotator: string; tag: (typeof labels.tag.enumValues)[number]; note: string | null };

/**
 * Each annotator's latest label, for many steps at once: the steps given, the steps of one
 * trajectory, or every labeled step.
 */
export async function currentLabelsWhere(db: Db, where: { stepIds?: number[]; trajectoryId?: number } = {}): Promise<CurrentLabel[]> {
  if (where.stepIds?.length === 0) return [];
  return db
    .selectDistinctOn([labels.stepId, labels.annotatorId], { stepId: labels.stepId, annotator: users.name, tag: labels.tag, note: labels.note })
    .from(labels)
    .innerJoin(users, eq(users.id, labels.annotatorId))
    .innerJoin(steps, eq(steps.id, labels.stepId))
    .where(
      and(
        where.stepIds ? inArray(labels.stepId, where.stepIds) : undefined,
        where.trajectoryId !== undefined ? eq(steps.trajectoryId, where.trajectoryId) : undefined,
      ),
    )
    .orderBy(labels.stepId, labels.annotatorId, desc(labels.id));
}
