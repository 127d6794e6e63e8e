import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { rolloutJobs } from "@/db/schema";
import { upsertAgent } from "../agents/upsert-agent";
import { upsertTask } from "../tasks/upsert-task";
import { openTestDatabase, uniqueName } from "../testing/test-database";
import { enqueueRollouts } from "./enqueue-rollouts";
import { recoverStaleJobs, requeueWorkerJobs } from "./recover-jobs";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

const row = async (id: number) => (await database.db.select().from(rolloutJobs).where(eq(rolloutJobs.id, id)))[0]!;

describe("stale job recovery", () => {
  it("requeues a silent worker's job, fails one out of tries, and leaves live ones alone", async () => {
    const agent = uniqueName("nop");
    const task = uniqueName("task");
    await upsertAgent(database.db, { name: agent });
    await upsertTask(database.db, { name: task });
    const [stale, exhausted, live] = await enqueueRollouts(database.db, { tasks: [task], agent, attempts: 3 });
    const running = (id: number, tries: number, ago: string) =>
      database.db.update(rolloutJobs).set({ status: "running", workerId: "w-dead", tries, heartbeatAt: sql`now() - ${ago}::interval` }).where(eq(rolloutJobs.id, id));
    await running(stale!.id, 1, "2 minutes");
    await running(exhausted!.id, 3, "2 minutes");
    await running(live!.id, 1, "1 second");

    const changed = await recoverStaleJobs(database.db, { staleAfterMs: 60_000, maxTries: 3 });
    expect(changed.map((c) => [c.id, c.status]).sort()).toEqual([[stale!.id, "queued"], [exhausted!.id, "failed"]].sort());
    expect(await row(stale!.id)).toMatchObject({ status: "queued", workerId: null, tries: 1, error: null });
    expect(await row(exhausted!.id)).toMatchObject({ status: "failed", finishedAt: expect.any(Date) });
    expect((await row(exhausted!.id)).error).toContain("w-dead");
    expect(await row(live!.id)).toMatchObject({ status: "running", workerId: "w-dead" });

    // A worker stopping at once hands its job back without spending a try.
    expect(await requeueWorkerJobs(database.db, "w-dead")).toEqual([{ id: live!.id }]);
    expect(await row(live!.id)).toMatchObject({ status: "queued", workerId: null, tries: 0 });
  });
});
