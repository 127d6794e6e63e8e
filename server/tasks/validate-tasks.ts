import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { tasks } from "@/db/schema";
import { NotFoundError } from "../errors";
import { EngineUnreachableError } from "../rollouts/docker/docker-error";
import type { Engine } from "../rollouts/docker/engine";
import { closeEngine, connectEngine } from "../rollouts/docker/engine";
import { runRollout } from "../rollouts/run-rollout";
import { getTask } from "./list-tasks";

export type TaskValidationResult = {
  name: string;
  validation: "valid" | "invalid" | "error";
  oracleReward: number | null;
  nopReward: number | null;
  oraclePassed: boolean | null;
  nopFailed: boolean | null;
  oracleTrajectoryId?: number;
  nopTrajectoryId?: number;
  error?: string;
  durationMs: number;
};

/**
 * The Terminal-Lego round trip: a task is valid when its reference solution earns reward 1 and
 * doing nothing earns less. Both rollouts are stored as trajectories (agents "oracle" and "nop");
 * the verdict is stored on the task. A rollout that cannot run (missing base image, no files)
 * makes the verdict "error", with the reason in the result.
 */
export async function validateTasks(db: Db, names: string[], options: { engine?: Engine } = {}): Promise<TaskValidationResult[]> {
  // Every name is checked before anything runs: a typo in the last name must not cost the
  // rollouts of the others, or leave half of them validated.
  for (const name of names) await getTask(db, name);
  const engine = options.engine ?? (await connectEngine());
  try {
    const results: TaskValidationResult[] = [];
    for (const name of names) results.push(await validateTask(db, engine, name));
    return results;
  } finally {
    if (!options.engine) closeEngine(engine);
  }
}

async function validateTask(db: Db, engine: Engine, name: string): Promise<TaskValidationResult> {
  const started = Date.now();
  let result: TaskValidationResult;
  try {
    // The oracle first: it builds the image the nop rollout then reuses.
    const oracle = await runRollout(db, { task: name, agent: "oracle", engine });
    const nop = await runRollout(db, { task: name, agent: "nop", engine });
    const oraclePassed = (oracle.reward ?? 0) >= 1;
    const nopFailed = (nop.reward ?? 0) < 1;
    result = {
      name,
      validation: oraclePassed && nopFailed ? "valid" : "invalid",
      oracleReward: oracle.reward,
      nopReward: nop.reward,
      oraclePassed,
      nopFailed,
      oracleTrajectoryId: oracle.trajectoryId,
      nopTrajectoryId: nop.trajectoryId,
      durationMs: Date.now() - started,
    };
  } catch (error) {
    // A task that does not exist is the caller's mistake, not a verdict on a task.
    // So is an engine that does not answer: every task would "fail" for the same reason.
    if (error instanceof NotFoundError || error instanceof EngineUnreachableError) throw error;
    result = { name, validation: "error", oracleReward: null, nopReward: null, oraclePassed: null, nopFailed: null, error: (error as Error).message, durationMs: Date.now() - started };
  }
  await db
    .update(tasks)
    .set({ validation: result.validation, oraclePassed: result.oraclePassed, nopFailed: result.nopFailed, validatedAt: new Date() })
    .where(eq(tasks.name, name));
  return result;
}
