import path from "node:path";
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openMemoryDatabase } from "@/db/client";
import { rolloutJobs, trajectories } from "@/db/schema";
import { upsertAgent } from "../agents/upsert-agent";
import { addTasks } from "../tasks/add-tasks";
import { engineForTests } from "../testing/docker-engine";
import { JOB_LABEL, createContainer, listContainers, startContainer } from "./docker/containers";
import { type Engine, closeEngine } from "./docker/engine";
import { listImagesByLabel } from "./docker/images";
import { enqueueRollouts } from "./enqueue-rollouts";
import { TASK_LABEL } from "./task-image";
import { runWorker } from "./worker";

/*
 * The job queue against the real Docker engine and an embedded database (a plain *.test.ts, so
 * the Docker work runs once). Containers carry this run's label prefix, so the reaper here never
 * judges containers of other test files sharing the engine.
 */
const EXAMPLES = path.resolve(import.meta.dirname, "../tasks/examples");
const PREFIX = `worker-test-${process.pid}-${Date.now().toString(36)}:`;
const engine: Engine | undefined = await engineForTests("Worker tests");
let database: Database;

const ours = async () => (await listContainers(engine!, JOB_LABEL)).filter((c) => c.Labels[JOB_LABEL]?.startsWith(PREFIX));
const jobsById = async (ids: number[]) => database.db.select().from(rolloutJobs).where(inArray(rolloutJobs.id, ids)).orderBy(rolloutJobs.id);

beforeAll(async () => {
  database = await openMemoryDatabase();
  if (engine) await addTasks(database.db, [path.join(EXAMPLES, "hello-file")]);
  await upsertAgent(database.db, { name: "oracle" });
  await upsertAgent(database.db, { name: "nop" });
});
afterAll(async () => {
  await database?.close();
  if (engine) closeEngine(engine);
});

describe.skipIf(!engine)("rollout worker (real Docker)", () => {
  it("runs queued oracle and nop jobs to succeeded, with rewards 1 and 0 and trajectories", { timeout: 300_000 }, async () => {
    const [oracle] = await enqueueRollouts(database.db, { tasks: ["hello-file"], agent: "oracle" });
    const [nop] = await enqueueRollouts(database.db, { tasks: ["hello-file"], agent: "nop" });
    const results = await runWorker(database.db, { workerId: "w1", concurrency: 2, untilIdle: true, labelPrefix: PREFIX, engine, heartbeatMs: 200 });
    expect(results.map((r) => r.ok)).toEqual([true, true]);

    const [o, n] = await jobsById([oracle!.id, nop!.id]);
    expect(o).toMatchObject({ status: "succeeded", reward: 1, tries: 1, workerId: "w1", error: null, finishedAt: expect.any(Date), trajectoryId: expect.any(Number) });
    expect(n).toMatchObject({ status: "succeeded", reward: 0, tries: 1, trajectoryId: expect.any(Number) });
    const stored = await database.db.select({ id: trajectories.id, reward: trajectories.reward }).from(trajectories).where(inArray(trajectories.id, [o!.trajectoryId!, n!.trajectoryId!]));
    expect(stored.map((t) => t.reward).sort()).toEqual([0, 1]);
    expect(await ours()).toEqual([]);
  });

  it("requeues a dead worker's job, removes the container it left and completes the job", { timeout: 300_000 }, async () => {
    const [job] = await enqueueRollouts(database.db, { tasks: ["hello-file"], agent: "oracle" });
    // The dead worker: took the job a minute ago, started a container, then stopped heartbeating.
    await database.db
      .update(rolloutJobs)
      .set({ status: "running", workerId: "dead", tries: 1, startedAt: sql`now() - interval '1 minute'`, heartbeatAt: sql`now() - interval '1 minute'` })
      .where(eq(rolloutJobs.id, job!.id));
    const [image] = await listImagesByLabel(engine!, `${TASK_LABEL}=hello-file`);
    const orphan = await createContainer(engine!, { image: image!.Id, entrypoint: [], cmd: ["sleep", "infinity"], labels: { [JOB_LABEL]: `${PREFIX}${job!.id}` } });
    await startContainer(engine!, orphan);
    expect((await ours()).map((c) => c.Id)).toEqual([orphan]);

    const results = await runWorker(database.db, { workerId: "w2", untilIdle: true, labelPrefix: PREFIX, engine, staleAfterMs: 10_000 });
    expect(results).toMatchObject([{ jobId: job!.id, ok: true }]);
    const [done] = await jobsById([job!.id]);
    expect(done).toMatchObject({ status: "succeeded", reward: 1, tries: 2, workerId: "w2" });
    expect(await ours()).toEqual([]);
  });

  it("fails a stale job that has used up its tries, naming the dead worker", async () => {
    const [job] = await enqueueRollouts(database.db, { tasks: ["hello-file"], agent: "nop" });
    await database.db.update(rolloutJobs).set({ status: "running", workerId: "gone", tries: 3, heartbeatAt: sql`now() - interval '1 hour'` }).where(eq(rolloutJobs.id, job!.id));
    const results = await runWorker(database.db, { workerId: "w3", untilIdle: true, labelPrefix: PREFIX, engine, maxTries: 3 });
    expect(results).toEqual([]);
    const [failed] = await jobsById([job!.id]);
    expect(failed).toMatchObject({ status: "failed", finishedAt: expect.any(Date) });
    expect(failed!.error).toContain("gone");
  });
});
