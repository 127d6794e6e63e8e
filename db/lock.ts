import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** Who holds a PGlite data directory; written into the lock file so a second opener can say. */
export type LockHolder = { pid: number; host: string; command: string; startedAt: string };

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `The data directory ${dataDir} is in use by process ${holder.pid} on ${holder.host} ` +
        `(${holder.command}, since ${holder.startedAt}). The embedded database can be opened by ` +
        `one process at a time: stop that process, use another --data directory, or point ` +
        `DATABASE_URL at a PostgreSQL server to share data between processes.`,
    );
    this.name = "DataDirLockedError";
  }
}

const LOCK_FILE = "trajstudio.lock";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readHolder(file: string): LockHolder | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as LockHolder;
  } catch {
    return undefined; // being written right now, or garbage: treated as held/stale below
  }
}

/**
 * Takes the data directory for this process, or throws DataDirLockedError naming the holder.
 * A lock left by a dead process on this host (kill -9, power loss) is taken over; creating the
 * file with O_EXCL and renaming a stale one away keeps two racing openers from both winning.
 */
export function lockDataDir(dataDir: string, command = process.argv.slice(1).join(" ")): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, host: os.hostname(), command, startedAt: new Date().toISOString() };

  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(me), { flag: "wx" });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        if (readHolder(file)?.pid === me.pid) fs.rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = readHolder(file);
    const stale = holder !== undefined && holder.host === me.host && !isAlive(holder.pid);
    if (holder && !stale) throw new DataDirLockedError(dataDir, holder);
    if (stale) {
      const aside = `${file}.stale-${process.pid}`;
      try {
        fs.renameSync(file, aside); // only one racer's rename succeeds
        fs.rmSync(aside, { force: true });
      } catch {
        /* another opener took it over first; loop and look again */
      }
    } else {
      // Unreadable: a writer is between open and write. Give it a moment.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
  const holder = readHolder(file);
  throw new DataDirLockedError(dataDir, holder ?? { pid: -1, host: "unknown", command: "unknown", startedAt: "unknown" });
}
