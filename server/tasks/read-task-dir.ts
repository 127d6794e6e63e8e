import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { TomlError, parse as parseToml } from "smol-toml";
import { z } from "zod";
import { InvalidInputError } from "../errors";

/*
 * A task directory in the Harbor layout:
 *   task.toml              name, metadata, limits, timeouts
 *   instruction.md         what the agent is asked to do
 *   environment/Dockerfile the image (the build context is environment/)
 *   solution/solve.sh      the oracle (optional)
 *   tests/test.sh          the verifier, writing /logs/verifier/reward.txt (optional)
 * Missing keys get Harbor's defaults, so a task runs here as it does under Harbor.
 */

/** A task directory that cannot be used as it is; the message names the file and the problem. */
export class TaskDirError extends InvalidInputError {}

const TaskToml = z.object({
  task: z.object({ name: z.string().trim().min(1).optional() }).optional(),
  metadata: z
    .object({
      difficulty: z.string().optional(),
      category: z.string().optional(),
      tags: z.array(z.string()).default([]),
      author_name: z.string().optional(),
    })
    .default({ tags: [] }),
  agent: z.object({ timeout_sec: z.number().positive().default(600) }).default({ timeout_sec: 600 }),
  verifier: z.object({ timeout_sec: z.number().positive().default(600) }).default({ timeout_sec: 600 }),
  environment: z
    .object({
      cpus: z.number().positive().default(1),
      memory_mb: z.number().int().positive().default(2048),
      storage_mb: z.number().int().positive().default(10240),
      allow_internet: z.boolean().default(true),
      build_timeout_sec: z.number().positive().default(600),
    })
    .default({ cpus: 1, memory_mb: 2048, storage_mb: 10240, allow_internet: true, build_timeout_sec: 600 }),
});

export type TaskDir = {
  dir: string;
  name: string;
  instruction: string;
  metadata: { difficulty?: string; category?: string; tags: string[]; author?: string };
  environment: { dockerfile: string; cpus: number; memoryMb: number; storageMb: number; allowInternet: boolean; buildTimeoutSec: number };
  agentTimeoutSec: number;
  verifierTimeoutSec: number;
  hasTests: boolean;
  hasSolution: boolean;
  /** sha256 over the sorted relative paths and contents of every file: any edit changes it. */
  checksum: string;
};

export async function readTaskDir(dir: string): Promise<TaskDir> {
  const at = (rel: string) => path.join(dir, rel);
  const tomlText = await readText(at("task.toml"));
  if (tomlText === undefined) throw new TaskDirError(`${at("task.toml")} is missing: ${dir} is not a task directory (Harbor layout).`);
  let raw: unknown;
  try {
    raw = parseToml(tomlText);
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    const reason = error.message.split("\n")[0]!.replace(/^Invalid TOML document: /, "");
    throw new TaskDirError(`${at("task.toml")}, line ${error.line}, column ${error.column}: ${reason}.`);
  }
  const parsed = TaskToml.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new TaskDirError(`${at("task.toml")}: ${issue.path.join(".")}: ${issue.message}.`);
  }
  const toml = parsed.data;

  const dockerfile = await readText(at("environment/Dockerfile"));
  if (dockerfile === undefined) throw new TaskDirError(`${at("environment/Dockerfile")} is missing: every task needs an image to run in.`);
  const instruction = await readText(at("instruction.md"));
  if (instruction === undefined || !instruction.trim()) throw new TaskDirError(`${at("instruction.md")} is missing or empty: the agent needs an instruction.`);

  const { environment: env } = toml;
  return {
    dir,
    name: toml.task?.name ?? path.basename(path.resolve(dir)),
    instruction: instruction.trim(),
    metadata: { difficulty: toml.metadata.difficulty, category: toml.metadata.category, tags: toml.metadata.tags, author: toml.metadata.author_name },
    environment: {
      dockerfile,
      cpus: env.cpus,
      memoryMb: env.memory_mb,
      storageMb: env.storage_mb,
      allowInternet: env.allow_internet,
      buildTimeoutSec: env.build_timeout_sec,
    },
    agentTimeoutSec: toml.agent.timeout_sec,
    verifierTimeoutSec: toml.verifier.timeout_sec,
    hasTests: (await readText(at("tests/test.sh"))) !== undefined,
    hasSolution: (await readText(at("solution/solve.sh"))) !== undefined,
    checksum: await checksumDir(dir),
  };
}

/** sha256 over each file's relative path and bytes, in path order (a symlink counts by its target). */
export async function checksumDir(dir: string): Promise<string> {
  const hash = createHash("sha256");
  for (const rel of await listFiles(dir)) {
    const abs = path.join(dir, rel);
    const stat = await fs.lstat(abs);
    const content = stat.isSymbolicLink() ? Buffer.from(`-> ${await fs.readlink(abs)}`) : await fs.readFile(abs);
    // Lengths keep "a" + "bc" apart from "ab" + "c".
    hash.update(`${rel}\0${content.length}\0`).update(content);
  }
  return hash.digest("hex");
}

async function listFiles(dir: string, rel = ""): Promise<string[]> {
  const entries = await fs.readdir(path.join(dir, rel), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    // Version-control state is not part of the task.
    if (entry.name === ".git") continue;
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await listFiles(dir, child)));
    else files.push(child);
  }
  return files.sort();
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
