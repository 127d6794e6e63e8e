import { inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rolloutJobs } from "@/db/schema";

export type TakenJob = typeof rolloutJobs.$inferSelect;

/**
 * Claims the oldest queued job (of `only`, when given) for `workerId`, or returns undefined when none is queued. One
 * statement: the subquery locks a row with SKIP LOCKED, so concurrent takers (workers on other
 * hosts included) each get a different row without waiting on one another, and the UPDATE's
 * `status = 'queued'` re-check means a row claimed in between is never taken twice.
 */
export async function takeJob(db: Db, workerId: string, only?: number[]): Promise<TakenJob | undefined> {
  if (only?.length === 0) return undefined;
  const among = only ? sql` and ${inArray(rolloutJobs.id, only)}` : sql``;
  const next = sql`(select ${rolloutJobs.id} from ${rolloutJobs} where ${rolloutJobs.status} = 'queued'${among}
    order by ${rolloutJobs.queuedAt}, ${rolloutJobs.id} limit 1 for update skip locked)`;
  const [job] = await db
    .update(rolloutJobs)
    .set({ status: "running", workerId, startedAt: sql`now()`, heartbeatAt: sql`now()`, tries: sql`${rolloutJobs.tries} + 1`, finishedAt: null, error: null })
    .where(sql`${rolloutJobs.id} = ${next} and ${rolloutJobs.status} = 'queued'`)
    .returning();
  return job;
}
