import { and, desc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { agents, rolloutJobs, rolloutStatus, tasks } from "@/db/schema";
import { NotFoundError } from "../errors";

export const EnqueueInput = z.object({
  tasks: z.array(z.string().min(1)).min(1).max(10_000),
  agent: z.string().min(1),
  attempts: z.number().int().min(1).max(100).default(1),
});
export type EnqueueInput = z.input<typeof EnqueueInput>;

/** Queues tasks × attempts jobs for one agent, freezing the agent's current config into each. */
export async function enqueueRollouts(db: Db, input: EnqueueInput) {
  const { tasks: taskNames, agent: agentName, attempts } = EnqueueInput.parse(input);
  return db.transaction(async (tx) => {
    const [agent] = await tx.select().from(agents).where(eq(agents.name, agentName));
    if (!agent) throw new NotFoundError("agent", agentName);
    const found = await tx.select({ id: tasks.id, name: tasks.name }).from(tasks).where(inArray(tasks.name, taskNames));
    const byName = new Map(found.map((t) => [t.name, t.id]));
    const unknown = taskNames.find((name) => !byName.has(name));
    if (unknown) throw new NotFoundError("task", unknown);
    const jobs = taskNames.flatMap((name) =>
      Array.from({ length: attempts }, (_, i) => ({
        taskId: byName.get(name)!,
        agentId: agent.id,
        agentConfig: agent.config ?? {},
        attempt: i + 1,
      })),
    );
    return tx.insert(rolloutJobs).values(jobs).returning();
  });
}

export const ListRolloutsInput = z.object({
  status: z.array(z.enum(rolloutStatus.enumValues)).optional(),
  limit: z.number().int().min(1).max(1000).default(100),
});

/** Recent jobs first, with task and agent names. */
export async function listRolloutJobs(db: Db, input: z.input<typeof ListRolloutsInput> = {}) {
  const { status, limit } = ListRolloutsInput.parse(input);
  return db
    .select({
      id: rolloutJobs.id,
      task: tasks.name,
      agent: agents.name,
      attempt: rolloutJobs.attempt,
      status: rolloutJobs.status,
      queuedAt: rolloutJobs.queuedAt,
      startedAt: rolloutJobs.startedAt,
      finishedAt: rolloutJobs.finishedAt,
      reward: rolloutJobs.reward,
      error: rolloutJobs.error,
      trajectoryId: rolloutJobs.trajectoryId,
    })
    .from(rolloutJobs)
    .innerJoin(tasks, eq(tasks.id, rolloutJobs.taskId))
    .innerJoin(agents, eq(agents.id, rolloutJobs.agentId))
    .where(and(status ? inArray(rolloutJobs.status, status) : undefined))
    .orderBy(desc(rolloutJobs.id))
    .limit(limit);
}
