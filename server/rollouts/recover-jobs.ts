import { and, eq, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rolloutJobs } from "@/db/schema";
import { JOB_LABEL, listContainers, removeContainer } from "./docker/containers";
import type { Engine } from "./docker/engine";

export type RecoverOptions = { staleAfterMs: number; maxTries: number };

/**
 * Jobs left `running` by a worker that stopped heartbeating (killed, host lost) go back to the
 * queue, or fail once they have been tried maxTries times: a task that kills its worker every
 * time must not loop forever. Returns the jobs changed.
 */
export async function recoverStaleJobs(db: Db, { staleAfterMs, maxTries }: RecoverOptions) {
  const exhausted = sql`${rolloutJobs.tries} >= ${maxTries}`;
  return db
    .update(rolloutJobs)
    .set({
      status: sql`case when ${exhausted} then 'failed'::rollout_status else 'queued'::rollout_status end`,
      error: sql`case when ${exhausted} then 'Worker ' || coalesce(${rolloutJobs.workerId}, '?') || ' stopped heartbeating; gave up after ' || ${rolloutJobs.tries} || ' tries.' else null end`,
      finishedAt: sql`case when ${exhausted} then now() else null end`,
      workerId: sql`case when ${exhausted} then ${rolloutJobs.workerId} else null end`,
      containerId: null,
    })
    .where(and(eq(rolloutJobs.status, "running"), lt(rolloutJobs.heartbeatAt, sql`now() - make_interval(secs => ${staleAfterMs / 1000})`)))
    .returning({ id: rolloutJobs.id, status: rolloutJobs.status, tries: rolloutJobs.tries });
}

/** Puts this worker's running jobs back in the queue (a worker told to stop now). */
export async function requeueWorkerJobs(db: Db, workerId: string) {
  return db
    .update(rolloutJobs)
    .set({ status: "queued", workerId: null, containerId: null, tries: sql`greatest(${rolloutJobs.tries} - 1, 0)` })
    .where(and(eq(rolloutJobs.status, "running"), eq(rolloutJobs.workerId, workerId)))
    .returning({ id: rolloutJobs.id });
}

/**
 * Removes containers labelled `<prefix><job id>` whose job is not running (finished, failed,
 * requeued or unknown): what a dead worker left behind. A running job's container is its
 * worker's, and is kept until recoverStaleJobs has declared the worker dead. Containers with
 * other label values (ad-hoc rollouts, other prefixes) are not ours to judge and are kept.
 * The prefix lets several databases share one engine (tests do); workers use "" by default.
 */
export async function reapContainers(engine: Engine, db: Db, { prefix = "" }: { prefix?: string } = {}): Promise<string[]> {
  const ours = (await listContainers(engine, JOB_LABEL)).flatMap((c) => {
    const value = c.Labels[JOB_LABEL] ?? "";
    const id = value.startsWith(prefix) ? value.slice(prefix.length) : "";
    return /^\d+$/.test(id) ? [{ container: c.Id, job: Number(id) }] : [];
  });
  if (ours.length === 0) return [];
  const running = await db
    .select({ id: rolloutJobs.id })
    .from(rolloutJobs)
    .where(and(inArray(rolloutJobs.id, [...new Set(ours.map((o) => o.job))]), eq(rolloutJobs.status, "running")));
  const live = new Set(running.map((r) => r.id));
  const removed: string[] = [];
  for (const { container, job } of ours) {
    if (live.has(job)) continue;
    await removeContainer(engine, container);
    removed.push(container);
  }
  return removed;
}
