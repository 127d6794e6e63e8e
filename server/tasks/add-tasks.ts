import fs from "node:fs/promises";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { tasks } from "@/db/schema";
import { putBlob } from "../blobs/blob-store";
import { InvalidInputError } from "../errors";
import { type TaskDir, readTaskDir } from "./read-task-dir";
import { bundleTaskDir } from "./task-bundle";
import { upsertTask } from "./upsert-task";

export type AddedTask = { name: string; dir: string; checksum: string; created: boolean; validation: string };

/**
 * Adds task directories (Harbor layout) to the library. A path that is not itself a task (no
 * task.toml) is taken as a directory of tasks: each subdirectory with a task.toml is added.
 * The task's files are stored as a blob so any worker can run it from the database alone.
 */
export async function addTasks(db: Db, paths: string[]): Promise<AddedTask[]> {
  const dirs: string[] = [];
  for (const p of paths) dirs.push(...(await taskDirsUnder(path.resolve(p))));
  const added: AddedTask[] = [];
  for (const dir of dirs) added.push(await addTask(db, await readTaskDir(dir)));
  return added;
}

export async function addTask(db: Db, task: TaskDir): Promise<AddedTask> {
  const bundleBlob = await putBlob(db, await bundleTaskDir(task.dir));
  const [before] = await db.select({ id: tasks.id }).from(tasks).where(eq(tasks.name, task.name));
  const row = await upsertTask(db, {
    name: task.name,
    source: task.dir,
    instruction: task.instruction,
    category: task.metadata.category,
    difficulty: task.metadata.difficulty,
    tags: task.metadata.tags,
    environment: {
      dockerfile: task.environment.dockerfile,
      cpus: task.environment.cpus,
      memoryMb: task.environment.memoryMb,
      storageMb: task.environment.storageMb,
      allowInternet: task.environment.allowInternet,
      buildTimeoutSec: task.environment.buildTimeoutSec,
      agentTimeoutSec: task.agentTimeoutSec,
      verifierTimeoutSec: task.verifierTimeoutSec,
    },
    checksum: task.checksum,
    bundleBlob,
    hasTests: task.hasTests,
    hasSolution: task.hasSolution,
  });
  return { name: row.name, dir: task.dir, checksum: task.checksum, created: !before, validation: row.validation };
}

async function taskDirsUnder(dir: string): Promise<string[]> {
  const stat = await fs.stat(dir).catch(() => undefined);
  if (!stat?.isDirectory()) throw new InvalidInputError(`${dir} is not a directory: tasks add takes task directories (Harbor layout) or directories of them.`);
  if (await exists(path.join(dir, "task.toml"))) return [dir];
  const children = (await fs.readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => path.join(dir, e.name)).sort();
  const found: string[] = [];
  for (const child of children) if (await exists(path.join(child, "task.toml"))) found.push(child);
  if (found.length === 0) throw new InvalidInputError(`${dir} holds no task: neither it nor any subdirectory has a task.toml.`);
  return found;
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}
