import fs from "node:fs";
import path from "node:path";
import type { VirtualFile } from "../formats/types";

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
  for (const entry of entries) {
    const abs = path.join(dir, entry.name);
    const childShown = path.join(shown, entry.name);
    const childRel = `${rel}/${entry.name}`;
    if (entry.isDirectory()) await walkDir(abs, childShown, childRel, files, problems);
    else if (entry.isFile() || entry.isSymbolicLink()) {
      try {
        const stat = await fs.promises.stat(abs); // follows a file symlink; a dangling one throws
        if (stat.isFile()) files.push(diskFile(abs, childShown, childRel, stat.size));
      } catch (error) {
        problems.push({ path: childShown, error: describeFsError(error) });
      }
    }
  }
}

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
