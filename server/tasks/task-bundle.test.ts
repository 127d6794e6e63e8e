import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checksumDir } from "./read-task-dir";
import { bundleTaskDir, unpackTaskBundle, withTaskDir } from "./task-bundle";

const EXAMPLE = path.resolve(import.meta.dirname, "examples/fix-permissions");
const made: string[] = [];
afterAll(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe("task bundles", () => {
  it("round-trips a task directory: same files, same checksum, executable bits kept", async () => {
    const bundle = await bundleTaskDir(EXAMPLE);
    const dir = await unpackTaskBundle(bundle);
    made.push(dir);
    expect(await checksumDir(dir)).toBe(await checksumDir(EXAMPLE));
    expect(fs.statSync(path.join(dir, "solution/solve.sh")).mode & 0o111).not.toBe(0);
    // Deterministic: the same directory gives the same bytes (hence the same blob).
    expect((await bundleTaskDir(EXAMPLE)).equals(bundle)).toBe(true);
  });

  it("leaves .git out and removes the unpacked directory after use", async () => {
    const src = fs.mkdtempSync(path.join(os.tmpdir(), "bundle-src-"));
    made.push(src);
    fs.cpSync(EXAMPLE, src, { recursive: true });
    fs.mkdirSync(path.join(src, ".git"));
    fs.writeFileSync(path.join(src, ".git/HEAD"), "ref: refs/heads/main\n");
    let seen = "";
    await withTaskDir(await bundleTaskDir(src), async (dir) => {
      seen = dir;
      expect(fs.existsSync(path.join(dir, "task.toml"))).toBe(true);
      expect(fs.existsSync(path.join(dir, ".git"))).toBe(false);
    });
    expect(fs.existsSync(seen)).toBe(false);
  });
});
