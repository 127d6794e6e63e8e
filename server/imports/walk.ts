import fs from "node:fs";
import path from "node:path";
import type { VirtualFile } from "../formats/types";
import { mapConcurrently } from "./map-concurrently";

export type WalkProblem = { path: string; error: string };

/**
 * Every regular file under the given paths, as VirtualFiles whose `rel` is relative to the
 * argument it came from (prefixed with that argument's base name, so two roots never collide).
 * Symbolic links to directories are not followed: a link loop cannot trap the walk.
 */
export async function walkPaths(inputs: string[]): Promise<{ files: VirtualFile[]; problems: WalkProblem[] }> {
  const files: VirtualFile[] = [];
  const problems: WalkProblem[] = [];
  for (const input of inputs) {
    const root = path.resolve(input);
    let stat: fs.Stats;
    try {
      stat = await fs.promises.stat(root);
    } catch (error) {
      problems.push({ path: input, error: describeFsError(error) });
      continue;
    }
    const base = path.basename(root);
    if (!stat.isDirectory()) {
      files.push(diskFile(root, input, base, stat.size));
      continue;
    }
    await walkDir(root, input, base, files, problems);
  }
  return { files, problems };
}

async function walkDir(dir: string, shown: string, rel: string, files: VirtualFile[], problems: WalkProblem[]) {
  let entries: fs.Dirent[];
  try {
    entries = await fs.promises.readdir(dir, { withFileTypes: true });
  } catch (error) {
    problems.push({ path: shown, error: describeFsError(error) });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // Sizes come from stat calls, I/O round trips: several in flight, results kept in name order.
  const found = await mapConcurrently(entries, STAT_CONCURRENCY, async (entry) => {
    if (entry.isDirectory() || !(entry.isFile() || entry.isSymbolicLink())) return undefined;
    const childShown = path.join(shown, entry.name);
    try {
      const stat = await fs.promises.stat(path.join(dir, entry.name)); // follows a file symlink; a dangling one throws
      return stat.isFile() ? diskFile(path.join(dir, entry.name), childShown, `${rel}/${entry.name}`, stat.size) : undefined;
    } catch (error) {
      return { path: childShown, error: describeFsError(error) };
    }
  });
  for (const [i, entry] of entries.entries()) {
    const item = found[i];
    if (entry.isDirectory()) await walkDir(path.join(dir, entry.name), path.join(shown, entry.name), `${rel}/${entry.name}`, files, problems);
    else if (item && "error" in item) problems.push(item);
    else if (item) files.push(item);
  }
}

const STAT_CONCURRENCY = 16;

export function diskFile(abs: string, shown: string, rel: string, size: number): VirtualFile {
  let kept: Promise<Buffer> | undefined;
  return {
    path: shown,
    rel,
    size,
    localPath: abs,
    read: () => (kept ??= fs.promises.readFile(abs)),
    forget() {
      kept = undefined;
    },
    async head(bytes) {
      const handle = await fs.promises.open(abs, "r");
      try {
        const buffer = Buffer.alloc(Math.min(bytes, size));
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
        return buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },
  };
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file or directory";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "ELOOP") return "a symbolic link loop";
  return (error as Error).message;
}
