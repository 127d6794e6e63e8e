import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { directoryEntries, writeTar } from "../rollouts/docker/tar";

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

const BLOCK = 512;

/** Unpacks a bundle into a fresh temporary directory; the caller removes it (see withTaskDir). */
export async function unpackTaskBundle(bundle: Buffer): Promise<string> {
  const dest = await fs.mkdtemp(path.join(os.tmpdir(), "trajstudio-task-"));
  let offset = 0;
  let paxPath: string | undefined;
  while (offset + BLOCK <= bundle.length) {
    const block = bundle.subarray(offset, offset + BLOCK);
    if (block.every((b) => b === 0)) break;
    const size = octal(block.subarray(124, 136));
    const mode = octal(block.subarray(100, 108));
    const type = String.fromCharCode(block[156] ?? 0x30);
    const prefix = cString(block.subarray(345, 500));
    const name = paxPath ?? (prefix ? `${prefix}/${cString(block.subarray(0, 100))}` : cString(block.subarray(0, 100)));
    const data = bundle.subarray(offset + BLOCK, offset + BLOCK + size);
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === "x") {
      paxPath = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(data.toString("utf8"))?.[1];
      continue;
    }
    paxPath = undefined;
    const target = path.resolve(dest, name.replace(/\/+$/, ""));
    // A bundle comes from the database, but a crafted one must still not write outside `dest`.
    if (!target.startsWith(dest + path.sep)) continue;
    if (type === "5") await fs.mkdir(target, { recursive: true, mode: mode || 0o755 });
    else if (type === "2") await fs.symlink(cString(block.subarray(157, 257)), target);
    else if (type === "0" || type === "\0") {
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, data, { mode: mode || 0o644 });
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

function octal(field: Buffer): number {
  const text = cString(field).trim();
  return text ? parseInt(text, 8) : 0;
}

function cString(field: Buffer): string {
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? field.length : end).toString("utf8");
}
