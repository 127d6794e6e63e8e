import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SAMPLES, SAMPLES_MISSING, hasSamples } from "../testing/sample-files";
import { TaskDirError, readTaskDir } from "./read-task-dir";

const EXAMPLES = path.resolve(import.meta.dirname, "examples");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "task-dir-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** A task directory made of `files` (relative path → content). */
function taskDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(scratch, "t-"));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const minimal = { "task.toml": 'version = "1.0"\n', "instruction.md": "Do it.\n", "environment/Dockerfile": "FROM debian:bookworm-slim\n" };

async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(TaskDirError);
  return (error as Error).message;
}

describe("readTaskDir", () => {
  it.skipIf(!hasSamples)(`reads Harbor's hello-world sample${hasSamples ? "" : ` (${SAMPLES_MISSING})`}`, async () => {
    const task = await readTaskDir(path.join(SAMPLES, "harbor-task/hello-world"));
    expect(task).toMatchObject({
      name: "harbor/hello-world",
      instruction: 'Create a file called hello.txt with "Hello, world!" as the content.',
      metadata: { difficulty: "easy", category: "programming", tags: ["trivial"], author: "Alex Shaw" },
      environment: { cpus: 1, memoryMb: 2048, storageMb: 10240, allowInternet: true, buildTimeoutSec: 600 },
      agentTimeoutSec: 120,
      verifierTimeoutSec: 120,
      hasTests: true,
      hasSolution: true,
    });
    expect(task.environment.dockerfile).toMatch(/^FROM ubuntu:24\.04/);
    expect(task.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it("reads every example task, each with tests, a solution and no internet", async () => {
    const names = fs.readdirSync(EXAMPLES).sort();
    expect(names).toEqual(expect.arrayContaining(["count-lines", "fix-permissions", "hello-file"]));
    for (const name of names) {
      const task = await readTaskDir(path.join(EXAMPLES, name));
      expect(task).toMatchObject({ name, hasTests: true, hasSolution: true, environment: { allowInternet: false } });
      expect(task.environment.dockerfile).toMatch(/^FROM debian:bookworm-slim$/m);
    }
  });

  it("takes the directory's name and Harbor's defaults when task.toml says little", async () => {
    const dir = taskDir({ ...minimal, "task.toml": "" });
    const task = await readTaskDir(dir);
    expect(task).toMatchObject({
      name: path.basename(dir),
      metadata: { tags: [] },
      environment: { cpus: 1, memoryMb: 2048, allowInternet: true },
      hasTests: false,
      hasSolution: false,
    });
  });

  it("changes the checksum when any file changes, and only then", async () => {
    const dir = taskDir({ ...minimal, "tests/test.sh": "echo 1 > /logs/verifier/reward.txt\n" });
    const before = (await readTaskDir(dir)).checksum;
    expect((await readTaskDir(dir)).checksum).toBe(before);
    fs.writeFileSync(path.join(dir, "tests/test.sh"), "echo 0 > /logs/verifier/reward.txt\n");
    expect((await readTaskDir(dir)).checksum).not.toBe(before);
  });

  it("names the missing task.toml", async () => {
    const dir = taskDir({ "instruction.md": "x" });
    expect(await failure(readTaskDir(dir))).toBe(`${path.join(dir, "task.toml")} is missing: ${dir} is not a task directory (Harbor layout).`);
  });

  it("gives the line of bad TOML", async () => {
    const dir = taskDir({ ...minimal, "task.toml": '[task]\nname = "x"\n[environment]\ncpus = = 2\n' });
    expect(await failure(readTaskDir(dir))).toMatch(new RegExp(`^${path.join(dir, "task.toml")}, line 4, column \\d+: `));
  });

  it("names a key of the wrong type", async () => {
    const dir = taskDir({ ...minimal, "task.toml": '[environment]\nallow_internet = "no"\n' });
    expect(await failure(readTaskDir(dir))).toMatch(/task\.toml: environment\.allow_internet: .*boolean/);
  });

  it("names the missing Dockerfile", async () => {
    const dir = taskDir({ "task.toml": "", "instruction.md": "x" });
    expect(await failure(readTaskDir(dir))).toContain(`${path.join(dir, "environment/Dockerfile")} is missing`);
  });
});
