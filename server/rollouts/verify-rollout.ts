import path from "node:path";
import { copyDirectoryIn, readContainerFile } from "./docker/archive";
import type { Engine } from "./docker/engine";
import { ExecTimeoutError, runExec } from "./docker/exec-run";

export type Verification = { reward: number | null; exitCode: number | null; timedOut: boolean; log: string };

/**
 * Runs the task's verifier as Harbor does: tests copied to /tests after the agent is done (so
 * the agent never saw them), `bash /tests/test.sh` as its own exec (not in the agent's shell,
 * whose state the agent controls), and the reward read from /logs/verifier.
 */
export async function verifyRollout(engine: Engine, containerId: string, taskDir: string, timeoutSec: number): Promise<Verification> {
  await runExec(engine, containerId, ["mkdir", "-p", "/logs/verifier"]);
  await copyDirectoryIn(engine, containerId, path.join(taskDir, "tests"), "/tests");
  let exitCode: number | null = null;
  let timedOut = false;
  let log = "";
  try {
    const run = await runExec(engine, containerId, ["bash", "/tests/test.sh"], { timeoutMs: timeoutSec * 1000, workingDir: "/" });
    exitCode = run.exitCode;
    log = run.stdout + run.stderr;
  } catch (error) {
    if (!(error instanceof ExecTimeoutError)) throw error;
    timedOut = true;
    log = error.output.stdout + error.output.stderr;
  }
  return { reward: await readReward(engine, containerId), exitCode, timedOut, log };
}

/** reward.txt holds a number; reward.json an object whose `reward` (or only) number counts. */
async function readReward(engine: Engine, containerId: string): Promise<number | null> {
  const text = (await readContainerFile(engine, containerId, "/logs/verifier/reward.txt"))?.toString("utf8").trim();
  if (text) return finite(Number(text));
  const json = (await readContainerFile(engine, containerId, "/logs/verifier/reward.json"))?.toString("utf8");
  if (!json) return null;
  try {
    const value = JSON.parse(json) as unknown;
    if (typeof value === "number") return finite(value);
    if (value && typeof value === "object") {
      const record = value as Record<string, unknown>;
      if (typeof record.reward === "number") return finite(record.reward);
      const numbers = Object.values(record).filter((v): v is number => typeof v === "number");
      return numbers.length === 1 ? finite(numbers[0]!) : null;
    }
  } catch {
    // Not JSON: no reward.
  }
  return null;
}

function finite(n: number): number | null {
  return Number.isFinite(n) ? n : null;
}
