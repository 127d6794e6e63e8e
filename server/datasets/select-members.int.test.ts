import { createHash } from "node:crypto";
import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { datasetVersionMembers, steps } from "@/db/schema";
import { addLabel } from "../labels/add-label";
import { fakeSourceHash, openTestDatabase, uniqueName } from "../testing/test-database";
import { createTrajectory } from "../trajectories/create-trajectory";
import { createDataset } from "./create-dataset";
import { type CurationOptionsInput, normalizeOptions } from "./curation-options";
import { freezeDataset, getDatasetVersion } from "./freeze-dataset";
import { fingerprint, selectMembers } from "./select-members";

/*
 * Two tasks, two teachers, EGS set by hand:
 *   task A: a1 X resolved 0.9 · a2 X resolved 0.5 (a1's commands but for numbers and spacing)
 *           a3 Y resolved 0.7 · a4 Y failed 0.95
 *   task B: b1 X resolved 0.2 · b2 X resolved 0.3
 */
let database: Database;
const prefix = uniqueName("curate");
const [taskA, taskB] = [`${prefix}-a`, `${prefix}-b`];
const [X, Y] = [uniqueName("teacher-x"), uniqueName("teacher-y")];
const id: Record<string, number> = {};

async function run(name: string, task: string, agent: string, resolved: boolean, egs: number, commands: string[]) {
  const { id: created } = await createTrajectory(database.db, {
    agent: { name: agent },
    task: { name: task },
    sourceFormat: "atif",
    sourceHash: fakeSourceHash(),
    resolved,
    steps: commands.map((action) => ({ action, exitCode: 0 })),
  });
  await database.db.execute(sql`update trajectories set egs = ${egs} where id = ${created}`);
  id[name] = created;
}

beforeAll(async () => {
  database = await openTestDatabase();
  await run("a1", taskA, X, true, 0.9, ["cat a.txt", "echo 1 > a.txt", "cat a.txt"]);
  await run("a2", taskA, X, true, 0.5, ["cat a.txt", "echo 22 > a.txt", "cat  a.txt"]);
  await run("a3", taskA, Y, true, 0.7, ["ls", "touch b"]);
  await run("a4", taskA, Y, false, 0.95, ["ls -la"]);
  await run("b1", taskB, X, true, 0.2, ["pwd"]);
  await run("b2", taskB, X, true, 0.3, ["whoami"]);
});
afterAll(() => database.close());

async function select(options: CurationOptionsInput, filter = `task=${prefix}`) {
  const { members, report } = await selectMembers(database.db, filter, normalizeOptions(options));
  const names = members.map((m) => Object.entries(id).find(([, v]) => v === m.trajectoryId)![0]);
  return { names: names.sort(), report, members };
}

describe("curating a dataset", () => {
  it("keeps resolved runs and drops near-identical command sequences of a task, the most grounded kept", async () => {
    const { names, report } = await select({});
    expect(names).toEqual(["a1", "a3", "b1", "b2"]);
    expect(report).toMatchObject({ matched: 5, duplicates: 1, members: 4 });
    expect(fingerprint("cat a.txt\necho 1 > a.txt")).toBe(fingerprint("cat  a.txt \necho 22 > a.txt"));
    expect(fingerprint("cat a.txt")).not.toBe(fingerprint("cat b.txt"));
  });

  it("keeps failed runs when asked, and applies minimum metrics in the query", async () => {
    expect((await select({ outcome: "any" })).names).toEqual(["a1", "a3", "a4", "b1", "b2"]);
    // a2 is below 0.6: without it there is nothing to deduplicate.
    expect((await select({ minEgs: 0.6 })).names).toEqual(["a1", "a3"]);
  });

  it("takes at most N per task, most grounded first, and balances teachers", async () => {
    const one = await select({ maxPerTask: 1 });
    expect(one.names).toEqual(["a1", "b2"]);
    expect(one.report.overTaskLimit).toBe(2);
    // Two per task taking turns by teacher (A: a1 from X, a3 from Y; B: b2, b1 from X), then every
    // teacher cut to the smallest teacher's count (Y has one): X keeps its most grounded, a1.
    const balanced = await select({ maxPerTask: 2, balanceTeachers: true });
    expect(balanced.names).toEqual(["a1", "a3"]);
    expect(balanced.report.balancedAway).toBe(2);
  });

  it("leaves out trajectories over the token budget, counted by the family's tokenizer", async () => {
    // cl100k: "cat a.txt" 3 tokens, "echo 1 > a.txt" 6 (a1: 12); "ls" 1, "touch b" 2 (a3: 3);
    // "pwd" 1 (b1); "whoami" 2 (b2). A budget of 3 keeps a3, b1 and b2.
    const { names, report } = await select({ tokenBudget: { max: 3, family: "cl100k" } });
    expect(names).toEqual(["a3", "b1", "b2"]);
    expect(report.overTokenBudget).toBe(1);
    // An unknown family is refused with the dataset, not at its first freeze.
    await expect(createDataset(database.db, { name: uniqueName("tok"), options: { tokenBudget: { max: 3, family: "mistral" } } })).rejects.toThrow(/tokenBudget\.family/);
  });

  it("includes and excludes by hand whatever the filter says", async () => {
    const { names, report } = await select({ include: [id.a4!], exclude: [id.a1!] });
    // With a1 out, a2 is no longer anyone's duplicate.
    expect(names).toEqual(["a2", "a3", "a4", "b1", "b2"]);
    expect(report).toMatchObject({ included: 1, excluded: 1, duplicates: 0 });
  });

  it("splits by task with a seed: all of a task on one side, the same every time", async () => {
    const all = await select({ outcome: "any", dedupe: false, validationShare: 0.5, seed: "s1" });
    const splitOf = new Map(all.members.map((m) => [m.trajectoryId, m.split]));
    // The documented rule: a task is held out when the first 4 bytes of sha256(seed NUL task),
    // read as a fraction of 2^32, fall below the share.
    const heldOut = (task: string) => createHash("sha256").update(`s1\u0000${task}`).digest().readUInt32BE(0) / 2 ** 32 < 0.5;
    expect(splitOf.get(id.a1!)).toBe(heldOut(taskA) ? "validation" : "train");
    expect(splitOf.get(id.b1!)).toBe(heldOut(taskB) ? "validation" : "train");
    expect(new Set(["a1", "a2", "a3", "a4"].map((n) => splitOf.get(id[n]!))).size).toBe(1);
    expect(splitOf.get(id.b1!)).toBe(splitOf.get(id.b2!));
    expect((await select({ outcome: "any", dedupe: false, validationShare: 0.5, seed: "s1" })).members).toEqual(all.members);
    expect((await select({ outcome: "any", validationShare: 0 })).members.every((m) => m.split === "train")).toBe(true);
  });

  it("freezes what the options select, with each member's tags and metrics as they were", async () => {
    const name = uniqueName("grounded");
    await createDataset(database.db, { name, filter: `task=${prefix}`, options: { maxPerTask: 1 } });
    const version = await freezeDataset(database.db, { dataset: name });
    expect(version.memberCount).toBe(2);
    expect(version.stats).toMatchObject({ trajectories: 2, resolved: 2, tasks: 2, splits: { train: 2, validation: 0 }, selection: { matched: 5, duplicates: 1, overTaskLimit: 2 } });
    expect(version.stats).toMatchObject({ egs: { scored: 2, histogram: [0, 0, 0, 1, 0, 0, 0, 0, 0, 1] } });

    // Relabel a1's first step: the live tag changes, the frozen snapshot does not.
    const [first] = await database.db.select({ id: steps.id }).from(steps).where(eq(steps.trajectoryId, id.a1!)).orderBy(asc(steps.index)).limit(1);
    await addLabel(database.db, { stepId: first!.id, tag: "other", annotator: "ann" });
    const [member] = await database.db
      .select({ snapshot: datasetVersionMembers.snapshot })
      .from(datasetVersionMembers)
      .where(eq(datasetVersionMembers.trajectoryId, id.a1!));
    expect(member!.snapshot).toMatchObject({ tags: "iav", egs: expect.closeTo(0.9, 5) });
    expect((await getDatasetVersion(database.db, name)).members.map((m) => m.trajectoryId)).toEqual([id.a1, id.b2].sort((a, b) => a! - b!));
  });

  it("refuses a filter it does not understand instead of selecting everything", async () => {
    await expect(createDataset(database.db, { name: uniqueName("typo"), filter: "outcom=resolved" })).rejects.toThrow(/"outcom" \(fields: /);
    await expect(createDataset(database.db, { name: uniqueName("typo"), filter: "egs=high" })).rejects.toThrow(/egs=high/);
  });
});
