import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { steps, trajectories } from "@/db/schema";
import { NotFoundError } from "../errors";
import { fakeSourceHash, openTestDatabase, uniqueName } from "../testing/test-database";
import { createTrajectory } from "../trajectories/create-trajectory";
import { listSteps } from "../trajectories/get-trajectory";
import { addLabel } from "./add-label";
import { currentLabels, labelHistory } from "./list-labels";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

async function twoStepTrajectory() {
  const { id } = await createTrajectory(database.db, {
    agent: { name: uniqueName("agent") },
    sourceFormat: "atif",
    sourceHash: fakeSourceHash(),
    steps: [{ action: "cat config.yaml" }, { action: "sed -i s/a/b/ config.yaml" }],
  });
  const [first, second] = await listSteps(database.db, id);
  return { trajectoryId: id, first: first!, second: second! };
}

async function labeledCount(trajectoryId: number) {
  const [row] = await database.db.select({ n: trajectories.labeledStepCount }).from(trajectories).where(eq(trajectories.id, trajectoryId));
  return row!.n;
}

describe("labels", () => {
  it("keeps every label; the latest per annotator is current; the latest overall is the step's tag", async () => {
    const { trajectoryId, first } = await twoStepTrajectory();
    const ana = uniqueName("ana");
    const ben = uniqueName("ben");
    await addLabel(database.db, { stepId: first.id, annotator: ana, tag: "act" });
    await addLabel(database.db, { stepId: first.id, annotator: ana, tag: "inspect", note: "only reads the file" });
    await addLabel(database.db, { stepId: first.id, annotator: ben, tag: "verify" });

    const history = await labelHistory(database.db, first.id);
    expect(history.map((l) => [l.annotator, l.tag])).toEqual([
      [ben, "verify"],
      [ana, "inspect"],
      [ana, "act"],
    ]);
    const current = await currentLabels(database.db, first.id);
    expect(current.map((l) => [l.annotator, l.tag, l.note])).toEqual([
      [ana, "inspect", "only reads the file"],
      [ben, "verify", null],
    ]);
    const [step] = await database.db.select({ tag: steps.tag }).from(steps).where(eq(steps.id, first.id));
    expect(step!.tag).toBe("verify");
    expect(await labeledCount(trajectoryId)).toBe(1);
  });

  it("counts each labeled step of a trajectory once", async () => {
    const { trajectoryId, first, second } = await twoStepTrajectory();
    await addLabel(database.db, { stepId: first.id, annotator: uniqueName("a"), tag: "inspect" });
    await addLabel(database.db, { stepId: first.id, annotator: uniqueName("b"), tag: "inspect" });
    expect(await labeledCount(trajectoryId)).toBe(1);
    await addLabel(database.db, { stepId: second.id, annotator: uniqueName("a"), tag: "act" });
    expect(await labeledCount(trajectoryId)).toBe(2);
  });

  it("counts concurrent first labels of one step once", async () => {
    const { trajectoryId, first } = await twoStepTrajectory();
    await Promise.all(
      Array.from({ length: 5 }, (_, i) => addLabel(database.db, { stepId: first.id, annotator: uniqueName(`c${i}`), tag: "act" })),
    );
    expect(await labeledCount(trajectoryId)).toBe(1);
    expect(await labelHistory(database.db, first.id)).toHaveLength(5);
  });

  it("refuses a label for a step that does not exist, and an unknown tag", async () => {
    await expect(addLabel(database.db, { stepId: 987654321, annotator: "ana", tag: "act" })).rejects.toThrow(
      new NotFoundError("step", 987654321),
    );
    const { first } = await twoStepTrajectory();
    await expect(addLabel(database.db, { stepId: first.id, annotator: "ana", tag: "looks-fine" as "act" })).rejects.toThrow();
  });
});
