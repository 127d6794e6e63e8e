import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { rolloutJobs } from "@/db/schema";
import { upsertAgent } from "../agents/upsert-agent";
import { upsertTask } from "../tasks/upsert-task";
import { openTestDatabase, uniqueName } from "../testing/test-database";
import { enqueueRollouts } from "./enqueue-rollouts";
import { takeJob } from "./take-job";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

describe("takeJob", () => {
  it("gives concurrent takers different jobs, each exactly once, until the queue is empty", async () => {
    const agent = uniqueName("nop");
    const task = uniqueName("task");
    await upsertAgent(database.db, { name: agent });
    await upsertTask(database.db, { name: task });
    const queued = await enqueueRollouts(database.db, { tasks: [task], agent, attempts: 12 });

    // Eight takers at once, each taking until nothing is left (on PostgreSQL over a pool).
    const takers = Array.from({ length: 8 }, async (_, i) => {
      const taken: number[] = [];
      for (let job = await takeJob(database.db, `w${i}`); job; job = await takeJob(database.db, `w${i}`)) taken.push(job.id);
      return taken;
    });
    const all = (await Promise.all(takers)).flat();
    expect(all.sort((a, b) => a - b)).toEqual(queued.map((j) => j.id).sort((a, b) => a - b));

    const [row] = await database.db.select().from(rolloutJobs).where(eq(rolloutJobs.id, queued[0]!.id));
    expect(row).toMatchObject({ status: "running", tries: 1, workerId: expect.stringMatching(/^w\d$/), startedAt: expect.any(Date), heartbeatAt: expect.any(Date) });
    expect(await takeJob(database.db, "late")).toBeUndefined();
  });
});
