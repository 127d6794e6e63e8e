import { asc, count, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { agents, trajectories } from "@/db/schema";
import { NotFoundError } from "../errors";

const agentColumns = {
  id: agents.id,
  name: agents.name,
  model: agents.model,
  version: agents.version,
  harness: agents.harness,
  provider: agents.provider,
  createdAt: agents.createdAt,
};

/** Every agent with how many trajectories it has, by name. */
export async function listAgents(db: Db) {
  return db
    .select({ ...agentColumns, trajectories: count(trajectories.id) })
    .from(agents)
    .leftJoin(trajectories, eq(trajectories.agentId, agents.id))
    .groupBy(agents.id)
    .orderBy(asc(agents.name));
}

export async function getAgent(db: Db, name: string) {
  const [row] = await db.select(agentColumns).from(agents).where(eq(agents.name, name));
  if (!row) throw new NotFoundError("agent", name);
  return row;
}
