import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { upsertAgent } from "../agents/upsert-agent";
import { NotFoundError } from "../errors";
import { upsertTask } from "../tasks/upsert-task";
import { openTestDatabase, uniqueName } from "../testing/test-database";
import { enqueueRollouts, listRolloutJobs } from "./enqueue-rollouts";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

describe("rollout jobs", () => {
  it("queues tasks × attempts for one agent, with the agent's config frozen into each job", async () => {
    const agent = uniqueName("llm");
    const [t1, t2] = [uniqueName("fix-git"), uniqueName("start-service")];
    await upsertAgent(database.db, { name: agent, config: { model: "qwen3-32b", maxSteps: 50 } });
    await upsertTask(database.db, { name: t1 });
    await upsertTask(database.db, { name: t2 });

    const jobs = await enqueueRollouts(database.db, { tasks: [t1, t2], agent, attempts: 3 });
    expect(jobs).toHaveLength(6);
    expect(jobs.every((j) => j.status === "queued" && j.tries === 0)).toBe(true);
    expect(jobs[0]!.agentConfig).toEqual({ model: "qwen3-32b", maxSteps: 50 });

    // A later config change does not touch jobs already queued.
    await upsertAgent(database.db, { name: agent, config: { model: "other" } });
    const listed = (await listRolloutJobs(database.db, { status: ["queued"] })).filter((j) => j.agent === agent);
    expect(listed.map((j) => [j.task, j.attempt]).sort()).toEqual(
      [[t1, 1], [t1, 2], [t1, 3], [t2, 1], [t2, 2], [t2, 3]].sort(),
    );
    expect(await listRolloutJobs(database.db, { status: ["running"] })).toEqual([]);
  });

  it("names the unknown task or agent and queues nothing", async () => {
    const agent = uniqueName("nop");
    const task = uniqueName("task");
    await upsertAgent(database.db, { name: agent });
    await upsertTask(database.db, { name: task });
    await expect(enqueueRollouts(database.db, { tasks: [task, "missing-task"], agent })).rejects.toThrow(
      new NotFoundError("task", "missing-task"),
    );
    await expect(enqueueRollouts(database.db, { tasks: [task], agent: "missing-agent" })).rejects.toThrow(
      new NotFoundError("agent", "missing-agent"),
    );
    expect((await listRolloutJobs(database.db)).filter((j) => j.agent === agent)).toEqual([]);
  });
});
