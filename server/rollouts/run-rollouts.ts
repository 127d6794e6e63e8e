import type { Db } from "@/db/client";
import { mapConcurrently } from "../imports/map-concurrently";
import { getTask } from "../tasks/list-tasks";
import { closeEngine, connectEngine } from "./docker/engine";
import { type RolloutOptions, type RolloutResult, runRollout } from "./run-rollout";

export type RolloutsRequest = { tasks: string[]; agent: RolloutOptions["agent"]; attempts?: number; concurrency?: number };
export type RolloutOutcome = ({ ok: true } & RolloutResult) | { ok: false; task: string; attempt: number; error: string };

/**
 * Tasks × attempts of one agent, in this process, sharing one engine connection. A
 * rollout that fails is reported and does not stop the others. (The PostgreSQL job queue and
 * `trajstudio worker` will run the same runRollout per job.)
 */
export async function runRollouts(db: Db, request: RolloutsRequest): Promise<RolloutOutcome[]> {
  // Unknown names fail before any container starts.
  for (const name of request.tasks) await getTask(db, name);
  const attempts = Math.max(1, request.attempts ?? 1);
  const work = request.tasks.flatMap((task) => Array.from({ length: attempts }, (_, i) => ({ task, attempt: i + 1 })));
  const engine = await connectEngine();
  try {
    return await mapConcurrently(work, Math.max(1, request.concurrency ?? 1), async ({ task, attempt }): Promise<RolloutOutcome> => {
      try {
        return { ok: true, ...(await runRollout(db, { task, agent: request.agent, engine })) };
      } catch (error) {
        return { ok: false, task, attempt, error: (error as Error).message };
      }
    });
  } finally {
    closeEngine(engine);
  }
}
