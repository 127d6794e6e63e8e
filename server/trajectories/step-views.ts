import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { steps } from "@/db/schema";
import { NotFoundError } from "../errors";
import { currentLabelsWhere } from "../labels/list-labels";

/** Outputs longer than this are sent cut, with their full length: the page offers the rest. */
export const OBSERVATION_PREVIEW = 4000;

/**
 * The steps of a trajectory as the workbench shows them: long outputs cut to a preview (with
 * their length, so the cut is never silent) and each annotator's current label.
 */
export async function listStepViews(db: Db, trajectoryId: number) {
  const rows = await db
    .select({
      id: steps.id,
      index: steps.index,
      source: steps.source,
      startedAt: steps.startedAt,
      recordingOffset: steps.recordingOffset,
      thought: steps.thought,
      toolName: steps.toolName,
      action: steps.action,
      observation: sql<string | null>`left(${steps.observation}, ${OBSERVATION_PREVIEW})`,
      observationLength: sql<number | null>`length(${steps.observation})::int`,
      exitCode: steps.exitCode,
      trainable: steps.trainable,
      commands: steps.commands,
      autoTag: steps.autoTag,
      autoRule: steps.autoRule,
      autoConfidence: steps.autoConfidence,
      tag: steps.tag,
    })
    .from(steps)
    .where(eq(steps.trajectoryId, trajectoryId))
    .orderBy(asc(steps.index));
  const byStep = new Map<number, { annotator: string; tag: string; note: string | null }[]>();
  for (const { stepId, annotator, tag, note } of await currentLabelsWhere(db, { trajectoryId })) {
    byStep.set(stepId, [...(byStep.get(stepId) ?? []), { annotator, tag, note }]);
  }
  return rows.map((r) => ({
    ...r,
    commands: r.commands.map(({ text, tag, rule, confidence }) => ({ text, tag, rule, confidence })),
    labels: byStep.get(r.id) ?? [],
  }));
}

/** One step's whole output (the list sends a preview). */
export async function stepObservation(db: Db, stepId: number): Promise<string> {
  const [row] = await db.select({ observation: steps.observation }).from(steps).where(eq(steps.id, stepId));
  if (!row) throw new NotFoundError("step", stepId);
  return row.observation ?? "";
}
