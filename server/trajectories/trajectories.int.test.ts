import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { agents, steps, trajectories } from "@/db/schema";
import { InvalidInputError, NotFoundError } from "../errors";
import { fakeSourceHash, openTestDatabase, uniqueName } from "../testing/test-database";
import { createTrajectory } from "./create-trajectory";
import { getTrajectory, listSteps } from "./get-trajectory";
import { type ListTrajectoriesInput, listTrajectories } from "./list-trajectories";
import type { TrajectoryInput } from "./trajectory-input";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

function sample(overrides: Partial<TrajectoryInput> = {}): TrajectoryInput {
  return {
    agent: { name: uniqueName("terminus-2"), model: "deepseek-v3.2" },
    task: { name: uniqueName("hello-world"), instruction: "Create hello.txt containing 'Hello, world!'" },
    sourceFormat: "atif",
    sourcePath: "runs/hello/agent/trajectory.json",
    sourceHash: fakeSourceHash(),
    reward: 1,
    resolved: true,
    promptTokens: 1200,
    completionTokens: 300,
    steps: [
      { source: "user", observation: "Create hello.txt containing 'Hello, world!'", trainable: false },
      { thought: "Look first.", toolName: "bash_command", action: "ls -la", observation: "total 0", exitCode: 0 },
      { thought: "Write it.", toolName: "bash_command", action: "echo 'Hello, world!' > hello.txt", exitCode: 0 },
      { thought: "Check it.", toolName: "bash_command", action: "cat hello.txt", observation: "Hello, world!", exitCode: 0 },
    ],
    ...overrides,
  };
}

describe("trajectories", () => {
  it("stores a trajectory with its agent, task and steps in source order", async () => {
    const input = sample();
    const result = await createTrajectory(database.db, input);
    expect(result).toMatchObject({ duplicate: false, steps: 3 });

    const trajectory = await getTrajectory(database.db, result.id);
    expect(trajectory).toMatchObject({
      sourceFormat: "atif",
      reward: 1,
      resolved: true,
      stepCount: 3, // agent actions; the task prompt is a step but not an action
      promptTokens: 1200,
      agent: { name: input.agent!.name, model: "deepseek-v3.2" },
      task: { name: input.task!.name },
    });
    const rows = await listSteps(database.db, result.id);
    expect(rows.map((s) => [s.index, s.action])).toEqual([
      [0, null],
      [1, "ls -la"],
      [2, "echo 'Hello, world!' > hello.txt"],
      [3, "cat hello.txt"],
    ]);
    expect(rows[0]).toMatchObject({ source: "user", trainable: false });
    expect(rows[3]).toMatchObject({ source: "agent", trainable: true, observation: "Hello, world!", exitCode: 0 });
  });

  it("does not store the same content twice", async () => {
    const input = sample();
    const first = await createTrajectory(database.db, input);
    const again = await createTrajectory(database.db, { ...input, sourcePath: "elsewhere/trajectory.json" });
    expect(again).toEqual({ id: first.id, duplicate: true, steps: 3 });
    const [n] = await database.db.select({ n: count() }).from(steps).where(eq(steps.trajectoryId, first.id));
    expect(n!.n).toBe(4);
  });

  it("stores all of a trajectory or none of it", async () => {
    const agentName = uniqueName("half-imported");
    const before = await database.db.select({ n: count() }).from(trajectories);
    // A date JavaScript accepts and PostgreSQL does not: the steps fail after the trajectory row was written.
    const input = sample({ agent: { name: agentName } });
    input.steps.push({ action: "date", startedAt: new Date(8.64e15) });
    await expect(createTrajectory(database.db, input)).rejects.toThrow();
    const after = await database.db.select({ n: count() }).from(trajectories);
    expect(after[0]!.n).toBe(before[0]!.n);
    expect(await database.db.select().from(agents).where(eq(agents.name, agentName))).toEqual([]);
  });

  it("pages through trajectories newest first without gaps or repeats", async () => {
    const agent = { name: uniqueName("pager") };
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push((await createTrajectory(database.db, sample({ agent }))).id);

    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listTrajectories>> = await listTrajectories(database.db, { limit: 2, cursor });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.filter((t) => t.agent === agent.name).map((t) => t.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual([...ids].reverse());
  });

  it("sorts by a metric with rows lacking it last, filters, and pages without gaps or repeats", async () => {
    const agent = { name: uniqueName("sorter") };
    const egs = [0.9, null, 0.5, 0.5, 0.1, null];
    const ids: number[] = [];
    for (const [i, value] of egs.entries()) {
      const { id } = await createTrajectory(database.db, sample({ agent, resolved: i % 2 === 0, task: { name: i < 3 ? "fix-Config" : "other-task" } }));
      await database.db.update(trajectories).set({ egs: value }).where(eq(trajectories.id, id));
      ids.push(id);
    }
    const all = async (input: Omit<ListTrajectoriesInput, "cursor" | "limit">) => {
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof listTrajectories>> = await listTrajectories(database.db, { ...input, limit: 2, cursor });
        seen.push(...page.items.map((t) => t.id));
        cursor = page.nextCursor;
      } while (cursor !== null);
      return seen;
    };
    const [a, b, c, d, e, f] = ids as [number, number, number, number, number, number];
    const mine = { agents: [agent.name] };
    // EGS 0.9 (a), 0.5 (c, d: the later id first when descending), 0.1 (e), then no EGS (f, b).
    expect(await all({ sort: "egs", dir: "desc", filter: mine })).toEqual([a, d, c, e, f, b]);
    expect(await all({ sort: "egs", dir: "asc", filter: mine })).toEqual([e, c, d, a, b, f]);
    expect(await all({ sort: "egs", filter: { ...mine, egs: { min: 0.5 } } })).toEqual([a, d, c]);
    expect(await all({ sort: "created", dir: "asc", filter: { ...mine, outcome: "resolved" } })).toEqual([a, c, e]);
    expect(await all({ filter: { ...mine, task: "CONFIG" } })).toEqual([c, b, a]);
    await expect(listTrajectories(database.db, { cursor: "not-a-cursor" })).rejects.toThrow(InvalidInputError);
  });

  it("rejects a source hash that is not a SHA-256 digest", async () => {
    await expect(createTrajectory(database.db, sample({ sourceHash: "abc" }))).rejects.toThrow(/SHA-256/);
  });

  it("says which trajectory it could not find", async () => {
    await expect(getTrajectory(database.db, 987654321)).rejects.toThrow(new NotFoundError("trajectory", 987654321));
  });
});
