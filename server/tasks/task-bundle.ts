import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { directoryEntries, readTar, writeTar } from "../rollouts/docker/tar";

/*
 * A task directory travels in the database as one tar blob, so a worker on another machine can
 * build and run the task without the directory it was added from. The tar is the deterministic
 * one the Engine API client writes (sorted, root-owned, dated 0): the same directory gives the
 * same bytes, hence the same blob hash, and re-adding a task stores nothing new.
 */

export async function bundleTaskDir(dir: string): Promise<Buffer> {
  // Version-control state is not part of the task (nor of its checksum, see read-task-dir.ts).
  const entries = (await directoryEntries(dir)).filter((e) => e.name !== ".git" && !e.name.startsWith(".git/"));
  return writeTar(entries);
}

/** Unpacks a bundle into a fresh temporary directory; the caller removes it (see withTaskDir). */
export async function unpackTaskBundle(bundle: Buffer): Promise<string> {
  const dest = await fs.mkdtemp(path.join(os.tmpdir(), "trajstudio-task-"));
  for (const entry of readTar(bundle)) {
    const target = path.resolve(dest, entry.name);
    // A bundle comes from the database, but a crafted one must still not write outside `dest`.
    if (!target.startsWith(dest + path.sep)) continue;
    if (entry.type === "dir") await fs.mkdir(target, { recursive: true, mode: entry.mode ?? 0o755 });
    else if (entry.type === "symlink") await fs.symlink(entry.target, target);
    else {
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, entry.data, { mode: entry.mode ?? 0o644 });
    }
  }
  return dest;
}

/** Runs `work` on the unpacked bundle and removes the directory afterwards, whatever happens. */
export async function withTaskDir<T>(bundle: Buffer, work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await unpackTaskBundle(bundle);
  try {
    return await work(dir);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
