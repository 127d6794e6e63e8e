import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { agents, steps, tasks, trajectories } from "@/db/schema";
import { NotFoundError } from "../errors";

/** A trajectory with its agent and task names; heavy blobs stay behind their hashes. */
export async function getTrajectory(db: Db, id: number) {
  const [row] = await db
    .select({
      trajectory: trajectories,
      agent: { id: agents.id, name: agents.name, model: agents.model },
      task: { id: tasks.id, name: tasks.name },
    })
    .from(trajectories)
    .leftJoin(agents, eq(agents.id, trajectories.agentId))
    .leftJoin(tasks, eq(tasks.id, trajectories.taskId))
    .where(eq(trajectories.id, id));
  if (!row) throw new NotFoundError("trajectory", id);
  return { ...row.trajectory, agent: row.agent, task: row.task };
}

export async function listSteps(db: Db, trajectoryId: number) {
  return db.select().from(steps).where(eq(steps.trajectoryId, trajectoryId)).orderBy(asc(steps.index));
}
