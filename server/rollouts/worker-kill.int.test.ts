import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { rolloutJobs } from "@/db/schema";
import { upsertAgent } from "../agents/upsert-agent";
import { addTasks } from "../tasks/add-tasks";
import { engineForTests } from "../testing/docker-engine";
import { openTestDatabase } from "../testing/test-database";
import { JOB_LABEL, listContainers } from "./docker/containers";
import { type Engine, closeEngine } from "./docker/engine";
import { listImagesByLabel, removeImage } from "./docker/images";
import { enqueueRollouts } from "./enqueue-rollouts";
import { TASK_LABEL } from "./task-image";
import { runWorker } from "./worker";

/*
 * A worker process killed with SIGKILL mid-rollout: another worker must finish its job and no
 * container may leak. PostgreSQL only (a second process cannot open the embedded database).
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const PREFIX = `kill-test-${process.pid}-${Date.now().toString(36)}:`;
const TASK = `slow-hello-${process.pid}-${Date.now().toString(36)}`;
const onPostgres = process.env.TEST_DB === "postgres";
const engine: Engine | undefined = onPostgres ? await engineForTests("Worker kill test") : undefined;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "worker-kill-"));
let database: Database & { url?: string };
let child: ChildProcess | undefined;

const ours = async () => (await listContainers(engine!, JOB_LABEL)).filter((c) => c.Labels[JOB_LABEL]?.startsWith(PREFIX));
async function until<T>(what: string, probe: () => Promise<T | undefined | false>, ms = 120_000): Promise<T> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 250))) {
    const value = await probe();
    if (value) return value;
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  if (!engine) return;
  database = await openTestDatabase();
  // hello-file with a solution slow enough to be killed in the middle of.
  const dir = path.join(scratch, TASK);
  fs.cpSync(path.join(ROOT, "server/tasks/examples/hello-file"), dir, { recursive: true });
  const toml = path.join(dir, "task.toml");
  fs.writeFileSync(toml, fs.readFileSync(toml, "utf8").replace(/^name = .*$/m, `name = "${TASK}"`));
  fs.writeFileSync(path.join(dir, "solution/solve.sh"), "#!/bin/bash\nsleep 5\nprintf 'Hello, Trajectory Studio!\\n' > /app/hello.txt\n", { mode: 0o755 });
  await addTasks(database.db, [dir]);
  await upsertAgent(database.db, { name: "oracle" });
});
afterAll(async () => {
  child?.kill("SIGKILL");
  await database?.close();
  if (engine) {
    // Its image was built for this run only.
    for (const image of await listImagesByLabel(engine, `${TASK_LABEL}=${TASK}`)) await removeImage(engine, image.Id, { force: true });
    closeEngine(engine);
  }
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe.skipIf(!engine)("a worker killed mid-rollout (real Docker, PostgreSQL)", () => {
  it("leaves a job another worker completes, and no container behind", { timeout: 300_000 }, async () => {
    const [job] = await enqueueRollouts(database.db, { tasks: [TASK], agent: "oracle" });
    child = spawn(process.execPath, [path.join(ROOT, "bin/trajstudio.js"), "worker", "--id", "doomed"], {
      env: { ...process.env, DATABASE_URL: database.url, TRAJSTUDIO_JOB_LABEL_PREFIX: PREFIX },
      stdio: "ignore",
    });
    // Killed once its rollout's container is up: the job is running and the container is live.
    await until("the worker's container", async () => (await ours()).length > 0);
    const exited = new Promise((resolve) => child!.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
    expect((await database.db.select().from(rolloutJobs).where(eq(rolloutJobs.id, job!.id)))[0]).toMatchObject({ status: "running", workerId: "doomed", tries: 1 });
    expect(await ours()).toHaveLength(1);

    // Past the stale limit, a new worker requeues the job, reaps the container and runs it.
    await new Promise((r) => setTimeout(r, 2500));
    const results = await runWorker(database.db, { workerId: "rescuer", untilIdle: true, labelPrefix: PREFIX, engine, staleAfterMs: 2000 });
    expect(results).toMatchObject([{ jobId: job!.id, ok: true }]);
    const [done] = await database.db.select().from(rolloutJobs).where(eq(rolloutJobs.id, job!.id));
    expect(done).toMatchObject({ status: "succeeded", reward: 1, tries: 2, workerId: "rescuer" });
    expect(await ours()).toEqual([]);
  });
});
