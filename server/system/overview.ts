import { count, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { agents, datasets, rolloutJobs, tasks, trajectories } from "@/db/schema";

/** How much is in the studio: what the home page and the navigation badges show. */
export async function getOverview(db: Db) {
  const [[t], [s], [a], [k], [d], [r]] = await Promise.all([
    db.select({ n: count() }).from(trajectories),
    // Agent steps, as every step count in the app (prompts and harness messages are not steps).
    db.select({ n: sql<number>`coalesce(sum(${trajectories.stepCount}), 0)::int` }).from(trajectories),
    db.select({ n: count() }).from(agents),
    db.select({ n: count() }).from(tasks),
    db.select({ n: count() }).from(datasets),
    db.select({ n: count() }).from(rolloutJobs),
  ]);
  return {
    trajectories: t?.n ?? 0,
    steps: s?.n ?? 0,
    agents: a?.n ?? 0,
    tasks: k?.n ?? 0,
    datasets: d?.n ?? 0,
    rollouts: r?.n ?? 0,
  };
}
