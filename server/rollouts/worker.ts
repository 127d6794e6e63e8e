import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { agents, rolloutJobs, tasks } from "@/db/schema";
import { JOB_LABEL, listContainers } from "./docker/containers";
import { type Engine, closeEngine, connectEngine } from "./docker/engine";
import { reapContainers, recoverStaleJobs, requeueWorkerJobs } from "./recover-jobs";
import { type AgentConfig, isAgentKind } from "./rollout-agents";
import { type RolloutResult, runRollout } from "./run-rollout";
import { type TakenJob, takeJob } from "./take-job";

export type WorkerOptions = {
  workerId: string;
  concurrency?: number;
  /** Aborted: take no more jobs; the running ones finish (see `requeueOnAbort`). */
  signal?: AbortSignal;
  /** How long to wait before asking again when the queue is empty. */
  pollMs?: number;
  heartbeatMs?: number;
  /** A running job whose heartbeat is older than this belongs to a dead worker. */
  staleAfterMs?: number;
  maxTries?: number;
  /** Return once no job is queued or running here (an in-process worker for `trajstudio rollout`). */
  untilIdle?: boolean;
  /** Take only these jobs (the ones `trajstudio rollout` just queued). */
  onlyJobs?: number[];
  /** Put on container labels before the job id; see reapContainers. */
  labelPrefix?: string;
  engine?: Engine;
  onResult?: (result: JobResult) => void;
};

export type JobResult = { jobId: number; task: string; attempt: number } & ({ ok: true; result: RolloutResult } | { ok: false; error: string });

const DEFAULTS = { concurrency: 1, pollMs: 1000, heartbeatMs: 5000, staleAfterMs: 30_000, maxTries: 3 };
/** Recovery and reaping run at start and then this often (in polls), not on every empty poll. */
const MAINTENANCE_EVERY_MS = 15_000;

/** Takes and runs jobs until aborted (or idle, with untilIdle); returns the results it wrote. */
export async function runWorker(db: Db, options: WorkerOptions): Promise<JobResult[]> {
  const o = { ...DEFAULTS, ...options };
  const engine = options.engine ?? (await connectEngine());
  const results: JobResult[] = [];
  let lastMaintenance = 0;
  const maintain = async () => {
    if (Date.now() - lastMaintenance < MAINTENANCE_EVERY_MS) return;
    lastMaintenance = Date.now();
    await recoverStaleJobs(db, o);
    await reapContainers(engine, db, { prefix: o.labelPrefix });
  };
  const slot = async () => {
    while (!o.signal?.aborted) {
      await maintain();
      const job = await takeJob(db, o.workerId, o.onlyJobs);
      if (!job) {
        if (o.untilIdle) return;
        await sleep(o.pollMs, o.signal);
        continue;
      }
      const result = await runJob(db, engine, job, o);
      results.push(result);
      o.onResult?.(result);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, o.concurrency) }, slot));
  } finally {
    if (!options.engine) closeEngine(engine);
  }
  return results;
}

/** For a worker told to stop at once: its jobs go back to the queue, their containers away. */
export async function abandonWorkerJobs(db: Db, workerId: string, labelPrefix = ""): Promise<number[]> {
  const jobs = await requeueWorkerJobs(db, workerId);
  const engine = await connectEngine();
  try {
    await reapContainers(engine, db, { prefix: labelPrefix });
  } finally {
    closeEngine(engine);
  }
  return jobs.map((j) => j.id);
}

async function runJob(db: Db, engine: Engine, job: TakenJob, o: typeof DEFAULTS & WorkerOptions): Promise<JobResult> {
  const [task] = await db.select({ name: tasks.name }).from(tasks).where(eq(tasks.id, job.taskId));
  const base = { jobId: job.id, task: task?.name ?? `#${job.taskId}`, attempt: job.attempt };
  const label = `${o.labelPrefix ?? ""}${job.id}`;
  // Written only while the job is still ours: one recovered from us meanwhile is left alone.
  const mine = and(eq(rolloutJobs.id, job.id), eq(rolloutJobs.workerId, o.workerId), eq(rolloutJobs.status, "running"));
  let containerId: string | null = null;
  const beat = async () => {
    containerId ??= (await listContainers(engine, `${JOB_LABEL}=${label}`))[0]?.Id ?? null;
    await db.update(rolloutJobs).set({ heartbeatAt: sql`now()`, containerId }).where(mine);
  };
  const timer = setInterval(() => void beat().catch(() => {}), o.heartbeatMs);
  try {
    const agent = await agentOf(db, job);
    const result = await runRollout(db, { task: base.task, agent, engine, jobId: label });
    await db
      .update(rolloutJobs)
      .set({ status: "succeeded", reward: result.reward, trajectoryId: result.trajectoryId, finishedAt: sql`now()`, containerId, error: null })
      .where(mine);
    return { ...base, ok: true, result };
  } catch (error) {
    const message = (error as Error).message;
    await db.update(rolloutJobs).set({ status: "failed", error: message, finishedAt: sql`now()`, containerId }).where(mine);
    return { ...base, ok: false, error: message };
  } finally {
    clearInterval(timer);
  }
}

/** The job's frozen config when it names an agent kind, else the built-in the agent is named after. */
async function agentOf(db: Db, job: TakenJob): Promise<AgentConfig> {
  const kind = job.agentConfig.kind;
  if (typeof kind === "string" && isAgentKind(kind)) return job.agentConfig as AgentConfig;
  const [agent] = await db.select({ name: agents.name }).from(agents).where(eq(agents.id, job.agentId));
  if (agent && (agent.name === "oracle" || agent.name === "nop")) return { kind: agent.name };
  throw new Error(`Agent "${agent?.name ?? job.agentId}" has no runnable config (expected kind oracle, nop or llm).`);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}
