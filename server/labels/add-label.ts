import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { labels, stepTag, steps, trajectories } from "@/db/schema";
import { recomputeTrajectoryMetrics } from "../egs/recompute-metrics";
import { NotFoundError } from "../errors";
import { ensureUser } from "../users/ensure-user";

export const LabelInput = z.object({
  stepId: z.number().int().positive(),
  annotator: z.string().trim().min(1).max(100),
  tag: z.enum(stepTag.enumValues),
  note: z.string().max(5000).nullish(),
});
export type LabelInput = z.input<typeof LabelInput>;

/**
 * Records a human label. Nothing is overwritten: the label is a new row, and the step's effective
 * tag becomes the most recent human label from any annotator, and the trajectory's metrics are
 * recomputed from the effective tags in the same transaction.
 */
export async function addLabel(db: Db, input: LabelInput) {
  const { stepId, annotator, tag, note } = LabelInput.parse(input);
  return db.transaction(async (tx) => {
    // Lock the step so concurrent first labels count the step once.
    const [step] = await tx
      .select({ id: steps.id, trajectoryId: steps.trajectoryId })
      .from(steps)
      .where(eq(steps.id, stepId))
      .for("update");
    if (!step) throw new NotFoundError("step", stepId);
    const user = await ensureUser(tx, { name: annotator });
    const [previous] = await tx.select({ id: labels.id }).from(labels).where(eq(labels.stepId, stepId)).limit(1);
    const [label] = await tx.insert(labels).values({ stepId, annotatorId: user.id, tag, note }).returning();
    await tx.update(steps).set({ tag }).where(eq(steps.id, stepId));
    await recomputeTrajectoryMetrics(tx, step.trajectoryId);
    if (!previous) {
      await tx
        .update(trajectories)
        .set({ labeledStepCount: sql`${trajectories.labeledStepCount} + 1` })
        .where(eq(trajectories.id, step.trajectoryId));
    }
    return { ...label!, annotator: user.name };
  });
}
