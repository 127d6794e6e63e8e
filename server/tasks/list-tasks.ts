import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { tasks } from "@/db/schema";
import { NotFoundError } from "../errors";

const taskSummary = {
  id: tasks.id,
  name: tasks.name,
  source: tasks.source,
  category: tasks.category,
  difficulty: tasks.difficulty,
  tags: tasks.tags,
  hasTests: tasks.hasTests,
  hasSolution: tasks.hasSolution,
  validation: tasks.validation,
  createdAt: tasks.createdAt,
};

export async function listTasks(db: Db) {
  return db.select(taskSummary).from(tasks).orderBy(asc(tasks.name));
}

export async function getTask(db: Db, name: string) {
  const [row] = await db.select().from(tasks).where(eq(tasks.name, name));
  if (!row) throw new NotFoundError("task", name);
  return row;
}
