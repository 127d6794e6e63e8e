import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { directoryEntries, readTarFiles, writeTar } from "./tar";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "tar-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

// GNU tar is the reference reader and writer: what it unpacks is what the engine would.
describe("tar", () => {
  const longDir = `${"d".repeat(120)}/${"e".repeat(90)}`;
  const veryLong = `${"x".repeat(160)}/${"y".repeat(120)}.txt`;

  it("writes archives GNU tar unpacks with names, modes, directories and symlinks intact", () => {
    const archive = writeTar([
      { type: "dir", name: "app" },
      { type: "file", name: "app/run.sh", data: Buffer.from("#!/bin/sh\necho hi\n"), mode: 0o755 },
      { type: "file", name: "app/empty", data: Buffer.alloc(0) },
      { type: "file", name: "app/block", data: Buffer.alloc(512, 7) },
      { type: "symlink", name: "app/link", target: "run.sh" },
      { type: "file", name: `${longDir}/f.txt`, data: Buffer.from("split name\n") },
      { type: "file", name: veryLong, data: Buffer.from("pax name\n") },
    ]);
    const out = fs.mkdtempSync(path.join(scratch, "x-"));
    fs.writeFileSync(path.join(out, "a.tar"), archive);
    execFileSync("tar", ["-xf", "a.tar"], { cwd: out });
    expect(fs.readFileSync(path.join(out, "app/run.sh"), "utf8")).toBe("#!/bin/sh\necho hi\n");
    expect(fs.statSync(path.join(out, "app/run.sh")).mode & 0o777).toBe(0o755);
    expect(fs.statSync(path.join(out, "app/empty")).size).toBe(0);
    expect(fs.readFileSync(path.join(out, "app/block"))).toEqual(Buffer.alloc(512, 7));
    expect(fs.readlinkSync(path.join(out, "app/link"))).toBe("run.sh");
    expect(fs.readFileSync(path.join(out, longDir, "f.txt"), "utf8")).toBe("split name\n");
    expect(fs.readFileSync(path.join(out, veryLong), "utf8")).toBe("pax name\n");
  });

  it("reads the files of an archive GNU tar wrote, long names included", () => {
    const src = fs.mkdtempSync(path.join(scratch, "src-"));
    fs.mkdirSync(path.join(src, path.dirname(veryLong)), { recursive: true });
    fs.writeFileSync(path.join(src, veryLong), "deep\n");
    fs.writeFileSync(path.join(src, "reward.txt"), "1\n");
    const archive = execFileSync("tar", ["--format=pax", "-cf", "-", "reward.txt", veryLong], { cwd: src });
    const files = readTarFiles(archive);
    expect(files.get("reward.txt")?.toString()).toBe("1\n");
    expect(files.get(veryLong)?.toString()).toBe("deep\n");
  });

  it("lists a directory in a stable order, keeping the executable bit", async () => {
    const src = fs.mkdtempSync(path.join(scratch, "dir-"));
    fs.mkdirSync(path.join(src, "b"));
    fs.writeFileSync(path.join(src, "b/test.sh"), "x", { mode: 0o700 });
    fs.writeFileSync(path.join(src, "a.txt"), "y", { mode: 0o600 });
    const entries = await directoryEntries(src, "/tests/");
    expect(entries.map((e) => [e.name, e.type, "mode" in e ? e.mode : undefined])).toEqual([
      ["tests/a.txt", "file", 0o644],
      ["tests/b", "dir", 0o755],
      ["tests/b/test.sh", "file", 0o755],
    ]);
    expect(writeTar(entries)).toEqual(writeTar(await directoryEntries(src, "tests")));
  });
});
