import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { steps, trajectories } from "@/db/schema";
import { computeMetrics } from "./metrics";
import { metricColumns } from "./score-steps";

/**
 * Recomputes a trajectory's metrics from its stored commands and effective tags (a human label
 * over the auto tag): called in the transaction that changes a label.
 */
export async function recomputeTrajectoryMetrics(tx: Db, trajectoryId: number): Promise<void> {
  const rows = await tx
    .select({ index: steps.index, tag: steps.tag, commands: steps.commands })
    .from(steps)
    .where(eq(steps.trajectoryId, trajectoryId))
    .orderBy(asc(steps.index));
  const metrics = computeMetrics(rows.map((r) => ({ index: r.index, tag: r.tag, commands: r.commands })));
  await tx.update(trajectories).set(metricColumns(metrics)).where(eq(trajectories.id, trajectoryId));
}
