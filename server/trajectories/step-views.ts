import { asc, eq, sql } from "drizzle-orm";
import { type Db, rowsOf } from "@/db/client";
import { steps } from "@/db/schema";
import { NotFoundError } from "../errors";

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
  const labels = await db.execute(sql`
    select distinct on (l.step_id, l.annotator_id) l.step_id, u.name as annotator, l.tag, l.note
    from labels l join users u on u.id = l.annotator_id join steps s on s.id = l.step_id
    where s.trajectory_id = ${trajectoryId}
    order by l.step_id, l.annotator_id, l.id desc`);
  const byStep = new Map<number, { annotator: string; tag: string; note: string | null }[]>();
  for (const r of rowsOf(labels)) {
    const list = byStep.get(Number(r.step_id)) ?? [];
    list.push({ annotator: String(r.annotator), tag: String(r.tag), note: (r.note as string | null) ?? null });
    byStep.set(Number(r.step_id), list);
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
