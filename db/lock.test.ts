import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DataDirLockedError, lockDataDir } from "./lock";

const dirs: string[] = [];
function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trajstudio-lock-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** The pid of a process that has certainly exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]);
  return Number(child.stdout.toString());
}

describe("lockDataDir", () => {
  it("refuses a second holder and names the first", () => {
    const dir = tempDir();
    const release = lockDataDir(dir, "trajstudio serve");
    let error: unknown;
    try {
      lockDataDir(dir, "trajstudio import");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataDirLockedError);
    expect((error as Error).message).toContain(`in use by process ${process.pid}`);
    expect((error as Error).message).toContain("trajstudio serve");
    release();
    lockDataDir(dir)(); // free again after release
  });

  it("takes over a lock left by a process that died", () => {
    const dir = tempDir();
    const holder = { pid: deadPid(), host: os.hostname(), command: "trajstudio serve", startedAt: "2026-01-01T00:00:00Z" };
    fs.writeFileSync(path.join(dir, "trajstudio.lock"), JSON.stringify(holder));
    const release = lockDataDir(dir, "me");
    expect(JSON.parse(fs.readFileSync(path.join(dir, "trajstudio.lock"), "utf8"))).toMatchObject({ pid: process.pid, command: "me" });
    release();
    expect(fs.existsSync(path.join(dir, "trajstudio.lock"))).toBe(false);
  });

  it("does not take over a lock held from another host, where it cannot tell whether the holder lives", () => {
    const dir = tempDir();
    const holder = { pid: deadPid(), host: "other-host", command: "trajstudio worker", startedAt: "2026-01-01T00:00:00Z" };
    fs.writeFileSync(path.join(dir, "trajstudio.lock"), JSON.stringify(holder));
    expect(() => lockDataDir(dir)).toThrow(/other-host/);
  });

  it("creates the data directory when it does not exist", () => {
    const dir = path.join(tempDir(), "nested", "data");
    lockDataDir(dir)();
    expect(fs.statSync(dir).isDirectory()).toBe(true);
  });
});
