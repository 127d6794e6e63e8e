import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { closeEngine } from "../rollouts/docker/engine";
import { engineForTests } from "../testing/docker-engine";
import { startTerminusServer, terminusReply } from "../testing/terminus-server";
import { main } from "./main";

/* `trajstudio tasks add`, `tasks validate` and `rollout` end to end: embedded database, real Docker engine. */
const EXAMPLE = path.resolve(import.meta.dirname, "../tasks/examples/hello-file");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trajstudio-cli-tasks-"));
const probe = await engineForTests("tasks validate CLI test");
if (probe) closeEngine(probe);
const engineUp = probe !== undefined;
afterEach(() => vi.restoreAllMocks());
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => (out.push(String(chunk)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (err.push(String(chunk)), true));
  const code = await main(["node", "trajstudio", "--data", path.join(dir, "data"), ...args]);
  vi.restoreAllMocks();
  return { code, stdout: out.join(""), stderr: err.join("") };
}

describe.skipIf(!engineUp)("trajstudio tasks", () => {
  it("adds a task directory, validates it (printing the verdict and the time taken) and rolls out on it", { timeout: 120_000 }, async () => {
    const added = await run("--json", "tasks", "add", EXAMPLE);
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ added: [{ name: "hello-file", created: true, validation: "unvalidated" }] });

    const validated = await run("tasks", "validate", "hello-file");
    expect(validated.code).toBe(0);
    expect(validated.stdout).toMatch(/✓ hello-file: valid \(oracle reward 1, nop reward 0\) in \d+\.\d s/);

    const rollouts = await run("--json", "rollout", "--task", "hello-file", "--agent", "nop", "-k", "2", "--concurrency", "2");
    // Unresolved is an outcome, not a failure: the exit code is 1 only when a rollout could not run.
    expect(rollouts.code).toBe(0);
    expect(JSON.parse(rollouts.stdout)).toMatchObject({ rollouts: [{ ok: true, agent: "nop", reward: 0 }, { ok: true, agent: "nop", reward: 0 }] });
    const unknown = await run("tasks", "validate", "hello-file", "no-such-task");
    expect(unknown).toMatchObject({ code: 1, stdout: "" });
    expect(unknown.stderr).toContain('No task named "no-such-task"');
  });

  it("rolls out the llm agent against an OpenAI-compatible endpoint, the key from a named variable", { timeout: 120_000 }, async () => {
    const missing = await run("rollout", "--task", "hello-file", "--agent", "llm", "--model", "m");
    expect(missing).toMatchObject({ code: 1, stdout: "" });
    expect(missing.stderr).toContain("--agent llm needs --model and --base-url");

    const server = await startTerminusServer([
      terminusReply("Nothing written yet.", "Write the file.", [{ keystrokes: "printf 'Hello, Trajectory Studio!\\n' > /app/hello.txt\n" }]),
      terminusReply("Written.", "Done.", [], true),
    ]);
    process.env.TRAJSTUDIO_CLI_TEST_KEY = "sk-cli-test";
    try {
      const args = ["--agent", "llm", "--model", "cli-model", "--base-url", server.baseUrl, "--api-key-env", "TRAJSTUDIO_CLI_TEST_KEY", "--max-turns", "5"];
      const rollout = await run("--json", "rollout", "--task", "hello-file", ...args);
      expect(rollout.code).toBe(0);
      expect(JSON.parse(rollout.stdout)).toMatchObject({ rollouts: [{ ok: true, agent: "terminus:cli-model", reward: 1, steps: 2 }] });
      expect(server.requests.map((r) => r.authorization)).toEqual(["Bearer sk-cli-test", "Bearer sk-cli-test"]);
    } finally {
      delete process.env.TRAJSTUDIO_CLI_TEST_KEY;
      await server.close();
    }
  });
});
