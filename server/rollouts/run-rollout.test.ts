import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openMemoryDatabase } from "@/db/client";
import { steps, tasks, trajectories } from "@/db/schema";
import { getBlob } from "../blobs/blob-store";
import { parseCast } from "../formats/parse-cast";
import { addTasks } from "../tasks/add-tasks";
import { validateTasks } from "../tasks/validate-tasks";
import { JOB_LABEL, listContainers } from "./docker/containers";
import { type Engine, closeEngine } from "./docker/engine";
import { engineForTests } from "../testing/docker-engine";
import { listImagesByLabel, removeImage } from "./docker/images";
import { runRollout } from "./run-rollout";
import { TASK_LABEL } from "./task-image";

/*
 * Rollouts against the real Docker engine and an embedded database (a plain *.test.ts: the
 * Docker work runs once, not once per database project). Skipped only when no engine answers.
 */
const EXAMPLES = path.resolve(import.meta.dirname, "../tasks/examples");
const EXAMPLE_TASKS = fs.readdirSync(EXAMPLES).sort();
const RUN = `rollout-test-${process.pid}-${Date.now().toString(36)}`;

const engine: Engine | undefined = await engineForTests("Rollout tests");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "rollout-test-"));
let database: Database;

/** A copy of an example task with a changed solution and name (so its own checksum and image). */
const variants: string[] = [];
function variant(from: string, name: string, solve: string, dockerfile?: string): string {
  variants.push(name);
  const dir = path.join(scratch, name);
  fs.cpSync(path.join(EXAMPLES, from), dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "task.toml"), fs.readFileSync(path.join(dir, "task.toml"), "utf8").replace(/^name = .*$/m, `name = "${name}"`));
  fs.writeFileSync(path.join(dir, "solution/solve.sh"), solve, { mode: 0o755 });
  if (dockerfile) fs.writeFileSync(path.join(dir, "environment/Dockerfile"), dockerfile);
  return dir;
}

/** Containers any rollout of this run left behind (rollouts here use job ids starting with RUN). */
async function leftovers() {
  return (await listContainers(engine!, JOB_LABEL)).filter((c) => c.Labels[JOB_LABEL]?.startsWith(RUN) || c.Labels[TASK_LABEL]?.includes(RUN));
}

beforeAll(async () => {
  database = await openMemoryDatabase();
});
afterAll(async () => {
  await database?.close();
  if (engine) {
    // The example tasks' images stay cached (as for users); this run's variants do not.
    for (const name of variants) for (const image of await listImagesByLabel(engine, `${TASK_LABEL}=${name}`)) await removeImage(engine, image.Id, { force: true });
    closeEngine(engine);
  }
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe.skipIf(!engine)("rollouts (real Docker)", () => {
  it("adds the example tasks with their files and limits", async () => {
    const added = await addTasks(database.db, [EXAMPLES]);
    expect(added.map((t) => t.name).sort()).toEqual(EXAMPLE_TASKS);
    const [hello] = await database.db.select().from(tasks).where(eq(tasks.name, "hello-file"));
    expect(hello!.bundleBlob).toMatch(/^[0-9a-f]{64}$/);
    expect(hello!.environment).toMatchObject({ cpus: 1, memoryMb: 512, allowInternet: false, agentTimeoutSec: 300, verifierTimeoutSec: 60 });
    // Adding the same directory again stores the same bundle and keeps the task.
    const again = await addTasks(database.db, [path.join(EXAMPLES, "hello-file")]);
    expect(again[0]).toMatchObject({ name: "hello-file", created: false });
  });

  it("validates every example task: the oracle passes, doing nothing fails", { timeout: 600_000 }, async () => {
    const results = await validateTasks(database.db, EXAMPLE_TASKS, { engine });
    for (const r of results) expect(r, r.error).toMatchObject({ validation: "valid", oracleReward: 1, nopReward: 0, oraclePassed: true, nopFailed: true });
    const stored = await database.db.select({ name: tasks.name, validation: tasks.validation, validatedAt: tasks.validatedAt }).from(tasks);
    for (const name of EXAMPLE_TASKS) expect(stored.find((t) => t.name === name)).toMatchObject({ validation: "valid", validatedAt: expect.any(Date) });
    expect(await leftovers()).toEqual([]);
  });

  it("records the oracle's shell session and stores it as a tagged, scored trajectory", { timeout: 300_000 }, async () => {
    const name = `${RUN}-echo`;
    const solve = "#!/bin/bash\nset -euo pipefail\necho 'writing the greeting'\nprintf 'Hello, Trajectory Studio!\\n' > /app/hello.txt\ncat /app/hello.txt\n";
    await addTasks(database.db, [variant("hello-file", name, solve)]);
    const result = await runRollout(database.db, { task: name, agent: "oracle", engine, jobId: `${RUN}-oracle` });
    expect(result).toMatchObject({ reward: 1, resolved: true, steps: 1 });

    const [trajectory] = await database.db.select().from(trajectories).where(eq(trajectories.id, result.trajectoryId));
    expect(trajectory).toMatchObject({ reward: 1, resolved: true, sourceFormat: "rollout", egsVersion: "egs-v1" });
    // Scored like an import: one command, no act in it, so TOR/VAR/EGS are n/a but counted.
    expect(trajectory!.metricsDetail).toMatchObject({ egsVersion: "egs-v1", counts: expect.objectContaining({ inspect: expect.any(Number), act: 0 }) });
    const [step] = await database.db.select().from(steps).where(eq(steps.trajectoryId, result.trajectoryId));
    expect(step).toMatchObject({ action: "bash /solution/solve.sh", keystrokes: "bash /solution/solve.sh\n", exitCode: 0 });
    expect(step!.observation).toBe("writing the greeting\nHello, Trajectory Studio!");
    expect(["inspect", "act", "verify", "other"]).toContain(step!.tag);
    expect(step!.autoRule).toBeTruthy();

    const cast = parseCast((await getBlob(database.db, trajectory!.recordingBlob!)).toString("utf8"), "recording.cast");
    expect(cast).toMatchObject({ width: 160, height: 40 });
    expect(cast.events.some((e) => e.code === "i" && e.data === "bash /solution/solve.sh\n")).toBe(true);
    const output = cast.events.filter((e) => e.code === "o").map((e) => e.data).join("");
    expect(output).toContain("writing the greeting");
    expect(await leftovers()).toEqual([]);
  });

  it("reports a failing command's exit code and the nop rollout's reward 0", { timeout: 300_000 }, async () => {
    const name = `${RUN}-fails`;
    await addTasks(database.db, [variant("hello-file", name, "#!/bin/bash\necho 'giving up'\nexit 3\n")]);
    const oracle = await runRollout(database.db, { task: name, agent: "oracle", engine, jobId: `${RUN}-fail` });
    expect(oracle).toMatchObject({ reward: 0, resolved: false });
    const [step] = await database.db.select().from(steps).where(eq(steps.trajectoryId, oracle.trajectoryId));
    expect(step).toMatchObject({ exitCode: 3, observation: "giving up" });
    const nop = await runRollout(database.db, { task: name, agent: "nop", engine, jobId: `${RUN}-nop` });
    expect(nop).toMatchObject({ reward: 0, resolved: false, steps: 0 });
    expect(await leftovers()).toEqual([]);
  });

  it("interrupts a command that outlives the agent's timeout and tags the trajectory", { timeout: 120_000 }, async () => {
    const name = `${RUN}-slow`;
    const dir = variant("hello-file", name, "#!/bin/bash\necho started\nsleep 60\n");
    fs.writeFileSync(path.join(dir, "task.toml"), fs.readFileSync(path.join(dir, "task.toml"), "utf8").replace(/\[agent\]\ntimeout_sec = .*/, "[agent]\ntimeout_sec = 2.0"));
    await addTasks(database.db, [dir]);
    const started = Date.now();
    const result = await runRollout(database.db, { task: name, agent: "oracle", engine, jobId: `${RUN}-slow` });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(result).toMatchObject({ reward: 0, resolved: false, steps: 1 });
    const [trajectory] = await database.db.select({ failureTags: trajectories.failureTags }).from(trajectories).where(eq(trajectories.id, result.trajectoryId));
    expect(trajectory!.failureTags).toContain("timeout");
    const [step] = await database.db.select({ exitCode: steps.exitCode, observation: steps.observation }).from(steps).where(eq(steps.trajectoryId, result.trajectoryId));
    expect(step).toMatchObject({ exitCode: null });
    expect(step!.observation).toContain("started");
    expect(await leftovers()).toEqual([]);
  });

  it("marks a task whose base image is missing as an error naming the image", { timeout: 120_000 }, async () => {
    const name = `${RUN}-nobase`;
    const missing = `trajstudio-test/no-such-base:${RUN}`;
    await addTasks(database.db, [variant("hello-file", name, "#!/bin/bash\ntrue\n", `FROM ${missing}\nWORKDIR /app\n`)]);
    const [result] = await validateTasks(database.db, [name], { engine });
    expect(result).toMatchObject({ validation: "error", oraclePassed: null });
    expect(result!.error).toContain(`Base image ${missing} is not in the local Docker engine`);
    const [task] = await database.db.select({ validation: tasks.validation }).from(tasks).where(eq(tasks.name, name));
    expect(task!.validation).toBe("error");
  });
});
