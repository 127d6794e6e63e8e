import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { steps, tasks, trajectories } from "@/db/schema";
import { upsertAgent } from "../agents/upsert-agent";
import { TrajectoryInput } from "./trajectory-input";

/** Rows per INSERT: stays far below PostgreSQL's 65,535 bind parameters at ~15 per step. */
const STEP_BATCH = 1000;

/** `steps` counts the agent's actions (the trajectory's step count), not prompt/system rows. */
export type CreateTrajectoryResult = { id: number; duplicate: boolean; steps: number };

/**
 * Stores one trajectory and its steps in one transaction: all of it or none of it. Content seen
 * before (same source hash) is not stored again; the existing id comes back as a duplicate.
 */
export async function createTrajectory(db: Db, input: TrajectoryInput): Promise<CreateTrajectoryResult> {
  const { agent, task, steps: stepInputs, ...fields } = TrajectoryInput.parse(input);
  return db.transaction(async (tx) => {
    const [seen] = await tx
      .select({ id: trajectories.id, steps: trajectories.stepCount })
      .from(trajectories)
      .where(eq(trajectories.sourceHash, fields.sourceHash));
    if (seen) return { ...seen, duplicate: true };

    // The step count users see is the agent's actions; prompts and harness messages are context.
    const stepCount = stepInputs.filter((s) => (s.source ?? "agent") === "agent").length;
    const agentId = agent ? (await upsertAgent(tx, agent)).id : null;
    const taskId = task ? await ensureTaskId(tx, task) : null;
    const [row] = await tx
      .insert(trajectories)
      .values({ ...fields, agentId, taskId, stepCount })
      .onConflictDoNothing({ target: trajectories.sourceHash })
      .returning({ id: trajectories.id });
    if (!row) {
      // A concurrent import of the same content committed between our check and insert.
      const [winner] = await tx
        .select({ id: trajectories.id })
        .from(trajectories)
        .where(eq(trajectories.sourceHash, fields.sourceHash));
      return { id: winner!.id, duplicate: true, steps: stepCount };
    }

    for (let start = 0; start < stepInputs.length; start += STEP_BATCH) {
      const batch = stepInputs.slice(start, start + STEP_BATCH);
      await tx.insert(steps).values(batch.map((step, offset) => ({ ...step, trajectoryId: row.id, index: start + offset })));
    }
    return { id: row.id, duplicate: false, steps: stepCount };
  });
}

async function ensureTaskId(tx: Db, task: { name: string; instruction?: string | null; source?: string | null }) {
  const [row] = await tx
    .insert(tasks)
    .values(task)
    // Fill in an instruction we lacked, never overwrite one a task directory gave.
    .onConflictDoUpdate({ target: tasks.name, set: { instruction: sql`coalesce(${tasks.instruction}, excluded.instruction)` } })
    .returning({ id: tasks.id });
  return row!.id;
}
