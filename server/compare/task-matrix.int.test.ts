import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { trajectories } from "@/db/schema";
import { fakeSourceHash, openTestDatabase, uniqueName } from "../testing/test-database";
import { createTrajectory } from "../trajectories/create-trajectory";
import { taskTeacherMatrix } from "./task-matrix";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

async function attempt(task: string, agent: string, resolved: boolean | null, egs: number | null, steps: number) {
  const { id } = await createTrajectory(database.db, {
    agent: { name: agent },
    task: { name: task },
    sourceFormat: "atif",
    sourceHash: fakeSourceHash(),
    resolved,
    steps: Array.from({ length: steps }, () => ({ action: "ls" })),
  });
  await database.db.update(trajectories).set({ egs }).where(eq(trajectories.id, id));
  return id;
}

describe("the task × teacher matrix", () => {
  it("gives each teacher's attempts, pass@1, pass@k, mean steps and mean EGS, best attempt first", async () => {
    const task = uniqueName("task");
    const [a, b] = [uniqueName("a-teacher"), uniqueName("b-teacher")];
    const a1 = await attempt(task, a, true, 0.5, 4);
    const a2 = await attempt(task, a, false, 1, 2);
    const b1 = await attempt(task, b, null, null, 3);
    await attempt(uniqueName("lonely"), a, true, 0.2, 1); // a task with one trajectory: not in the matrix

    const cells = (await taskTeacherMatrix(database.db)).filter((c) => c.task === task);
    expect(cells).toEqual([
      // a: 2 attempts, both judged, 1 resolved → pass@1 ½, pass@2 yes; steps (4 + 2) / 2; EGS (0.5 + 1) / 2.
      { task, agent: a, attempts: 2, judged: 2, resolved: 1, passAt1: 0.5, passAtK: 1, meanSteps: 3, meanEgs: 0.75, trajectoryIds: [a2, a1] },
      // b: no outcome and no EGS: undefined, not zero.
      { task, agent: b, attempts: 1, judged: 0, resolved: 0, passAt1: null, passAtK: null, meanSteps: 3, meanEgs: null, trajectoryIds: [b1] },
    ]);
    expect((await taskTeacherMatrix(database.db, { task })).map((c) => c.agent)).toEqual([a, b]);
  });
});
