import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { trajectories } from "@/db/schema";
import { fakeSourceHash, openTestDatabase, uniqueName } from "../testing/test-database";
import { createContext } from "../trpc/init";
import { createCaller } from "../trpc/root";
import { createTrajectory } from "../trajectories/create-trajectory";
import { createDataset } from "./create-dataset";
import { freezeDataset } from "./freeze-dataset";
import { listStudentPoints } from "./student-points";
import { addStudentResult } from "./student-results";

let database: Database;
const byHand = (ids: number[]) => ids.map((trajectoryId) => ({ trajectoryId }));
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

/** A trajectory with metrics set by hand (values exact in a 4-byte float, so means are exact). */
async function trajectory(agent: string, metrics: { egs: number; tor: number } | null) {
  const { id } = await createTrajectory(database.db, { agent: { name: agent }, sourceFormat: "atif", sourceHash: fakeSourceHash(), resolved: true, steps: [] });
  if (metrics) await database.db.update(trajectories).set(metrics).where(eq(trajectories.id, id));
  return id;
}

describe("student points", () => {
  it("gives each student result its training set's teachers and mean EGS/TOR, from the frozen members only", async () => {
    // "zeta" sorts after "alpha": a tie must go to alpha even though zeta's rows come first.
    const [zeta, alpha] = [uniqueName("zeta"), uniqueName("alpha")];
    const z1 = await trajectory(zeta, { egs: 0.5, tor: 0.25 });
    const z2 = await trajectory(zeta, { egs: 1, tor: 0.125 });
    const z3 = await trajectory(zeta, null); // no act: counts as a member, not in the means
    const a1 = await trajectory(alpha, { egs: 0, tor: 0.75 });
    await trajectory(zeta, { egs: 0.9, tor: 0.9 }); // zeta's, but in no set: must not move any mean
    const name = uniqueName("sft");
    await createDataset(database.db, { name });
    await freezeDataset(database.db, { dataset: name, members: byHand([z1, z2, z3, a1]) });
    await freezeDataset(database.db, { dataset: name, members: byHand([z1, a1]) });
    const unused = uniqueName("unused");
    await createDataset(database.db, { name: unused });
    await freezeDataset(database.db, { dataset: unused, members: byHand([z1]) });

    await addStudentResult(database.db, { dataset: name, version: 1, studentModel: "qwen3-32b", benchmark: "terminal-bench-2.0", score: 20.6, notes: "3 epochs" });
    await addStudentResult(database.db, { dataset: name, version: 2, studentModel: "qwen3-8b", benchmark: "terminal-bench-2.0", score: 0.155 });

    const points = (await listStudentPoints(database.db)).filter((p) => p.dataset === name);
    expect(points).toEqual([
      {
        id: expect.any(Number),
        studentModel: "qwen3-32b",
        benchmark: "terminal-bench-2.0",
        score: 20.6,
        rate: null, // a percentage, not a rate: not on the [0,1] axis
        notes: "3 epochs",
        dataset: name,
        version: 1,
        members: 4,
        egs: 0.5, // (0.5 + 1 + 0) / 3: the member without an act is left out, not counted as 0
        tor: 0.375, // (0.25 + 0.125 + 0.75) / 3
        teachers: [
          { name: zeta, members: 3 },
          { name: alpha, members: 1 },
        ],
        mainTeacher: zeta,
      },
      {
        id: expect.any(Number),
        studentModel: "qwen3-8b",
        benchmark: "terminal-bench-2.0",
        score: 0.155,
        rate: 0.155,
        notes: null,
        dataset: name,
        version: 2,
        members: 2,
        egs: 0.25, // (0.5 + 0) / 2
        tor: 0.5, // (0.25 + 0.75) / 2
        teachers: [
          { name: alpha, members: 1 },
          { name: zeta, members: 1 },
        ],
        mainTeacher: alpha,
      },
    ]);
    expect((await listStudentPoints(database.db)).some((p) => p.dataset === unused)).toBe(false);

    const viaRouter = await createCaller(createContext(database)).agents.students();
    expect(viaRouter.filter((p) => p.dataset === name).map((p) => [p.studentModel, p.mainTeacher, p.egs])).toEqual([
      ["qwen3-32b", zeta, 0.5],
      ["qwen3-8b", alpha, 0.25],
    ]);
  });
});
