import { hostname } from "node:os";
import type { Db } from "@/db/client";
import { upsertAgent } from "../agents/upsert-agent";
import { getTask } from "../tasks/list-tasks";
import { closeEngine, connectEngine } from "./docker/engine";
import { enqueueRollouts } from "./enqueue-rollouts";
import { type AgentConfig, agentName } from "./rollout-agents";
import type { RolloutOptions, RolloutResult } from "./run-rollout";
import { type JobResult, runWorker } from "./worker";

export type RolloutsRequest = { tasks: string[]; agent: RolloutOptions["agent"]; attempts?: number; concurrency?: number };
/** `jobId` is the queue job's id (the rollout's container label may carry a prefix). */
export type RolloutOutcome = { jobId: number } & (({ ok: true } & Omit<RolloutResult, "jobId">) | { ok: false; task: string; attempt: number; error: string });

/** Queues tasks × attempts jobs of one agent (created, with its config, if new); returns their ids. */
export async function queueRollouts(db: Db, request: RolloutsRequest): Promise<number[]> {
  // Unknown names fail before anything is queued.
  for (const name of request.tasks) await getTask(db, name);
  const config: AgentConfig = typeof request.agent === "string" ? { kind: request.agent } : request.agent;
  const agent = agentName(config);
  await upsertAgent(db, { name: agent, config, ...(config.kind === "llm" ? { model: config.model, harness: "trajstudio-terminus" } : {}) });
  const jobs = await enqueueRollouts(db, { tasks: request.tasks, agent, attempts: Math.max(1, request.attempts ?? 1) });
  return jobs.map((j) => j.id);
}

/**
 * Queues the rollouts and runs them on a worker in this process until they are done (the
 * embedded database has no other workers). A rollout that fails is reported and does not stop
 * the others. Outcomes in job order; `onOutcome` hears each as it finishes.
 */
export async function runRollouts(db: Db, request: RolloutsRequest, onOutcome?: (outcome: RolloutOutcome) => void): Promise<RolloutOutcome[]> {
  const jobs = await queueRollouts(db, request);
  const engine = await connectEngine();
  try {
    const results = await runWorker(db, {
      workerId: `rollout-${hostname()}-${process.pid}`,
      concurrency: Math.max(1, request.concurrency ?? 1),
      untilIdle: true,
      onlyJobs: jobs,
      engine,
      onResult: onOutcome && ((r) => onOutcome(toOutcome(r))),
    });
    return results.map(toOutcome).sort((a, b) => a.jobId - b.jobId);
  } finally {
    closeEngine(engine);
  }
}

export function toOutcome(r: JobResult): RolloutOutcome {
  return r.ok ? { ...r.result, jobId: r.jobId, ok: true } : { jobId: r.jobId, ok: false, task: r.task, attempt: r.attempt, error: r.error };
}
