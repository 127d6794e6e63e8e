import { desc, eq, lt } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { agents, tasks, trajectories } from "@/db/schema";

export const ListTrajectoriesInput = z.object({
  limit: z.number().int().min(1).max(500).default(50),
  /** The id of the last row of the previous page. Ids grow with insertion, so id order is import order. */
  cursor: z.number().int().nullish(),
});
export type ListTrajectoriesInput = z.input<typeof ListTrajectoriesInput>;

/** Newest first, one page at a time (limit + 1 rows fetched to know whether there is more). */
export async function listTrajectories(db: Db, input: ListTrajectoriesInput = {}) {
  const { limit, cursor } = ListTrajectoriesInput.parse(input);
  const rows = await db
    .select({
      id: trajectories.id,
      agent: agents.name,
      model: agents.model,
      task: tasks.name,
      sourceFormat: trajectories.sourceFormat,
      resolved: trajectories.resolved,
      reward: trajectories.reward,
      stepCount: trajectories.stepCount,
      tor: trajectories.tor,
      var: trajectories.var,
      egs: trajectories.egs,
      failureTags: trajectories.failureTags,
      createdAt: trajectories.createdAt,
    })
    .from(trajectories)
    .leftJoin(agents, eq(agents.id, trajectories.agentId))
    .leftJoin(tasks, eq(tasks.id, trajectories.taskId))
    .where(cursor ? lt(trajectories.id, cursor) : undefined)
    .orderBy(desc(trajectories.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > limit && last ? last.id : null,
  };
}
