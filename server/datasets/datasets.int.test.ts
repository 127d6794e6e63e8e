import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { datasetVersionMembers, datasetVersions } from "@/db/schema";
import { putBlob } from "../blobs/blob-store";
import { ConflictError, InvalidInputError } from "../errors";
import { fakeSourceHash, openTestDatabase, uniqueName } from "../testing/test-database";
import { createTrajectory } from "../trajectories/create-trajectory";
import { createDataset, getDataset, listDatasets } from "./create-dataset";
import { freezeDataset, getDatasetVersion } from "./freeze-dataset";
import { finishExport, listExports, startExport } from "./record-export";
import { addStudentResult, listStudentResults } from "./student-results";

let database: Database;
const byHand = (ids: number[]) => ids.map((trajectoryId) => ({ trajectoryId }));
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

async function trajectory(agent: string, resolved: boolean) {
  const { id } = await createTrajectory(database.db, { agent: { name: agent }, sourceFormat: "atif", sourceHash: fakeSourceHash(), resolved, steps: [] });
  return id;
}

describe("datasets and frozen versions", () => {
  it("creates a named dataset once and lists it", async () => {
    const name = uniqueName("grounded");
    const created = await createDataset(database.db, { name, filter: "?egs=0.5-&outcome=failed", options: { maxPerTask: 2 }, createdBy: "curator" });
    // The filter is the trajectory list's query, stored in its normal form; options get their defaults.
    expect(created).toMatchObject({ name, filter: "outcome=failed&egs=0.5-", options: { maxPerTask: 2, outcome: "resolved", dedupe: true, validationShare: 0 } });
    await expect(createDataset(database.db, { name: uniqueName("bad"), options: { maxPerTask: -1 } })).rejects.toThrow(/maxPerTask/);
    await expect(createDataset(database.db, { name: uniqueName("bad"), options: { mystery: 1 } })).rejects.toThrow(/mystery|Unrecognized/);
    await expect(createDataset(database.db, { name })).rejects.toThrow(ConflictError);
    expect((await listDatasets(database.db)).map((d) => d.name)).toContain(name);
  });

  it("refuses a name that cannot become a file name", async () => {
    await expect(createDataset(database.db, { name: "../etc/passwd" })).rejects.toThrow(/file name/);
  });

  it("freezes numbered versions with members, stats and a hash of the content (not of ids)", async () => {
    const name = uniqueName("mix");
    const [deepseek, opus] = [uniqueName("deepseek"), uniqueName("opus")];
    await createDataset(database.db, { name, filter: "outcome=resolved&tor=0.1-" });
    const ids = [await trajectory(deepseek, true), await trajectory(deepseek, false), await trajectory(opus, true)];

    const v1 = await freezeDataset(database.db, { dataset: name, members: byHand([ids[2]!, ids[0]!, ids[1]!, ids[0]!]), createdBy: "lead" });
    expect(v1).toMatchObject({ version: 1, memberCount: 3, filter: "outcome=resolved&tor=0.1-" });
    expect(v1.stats).toEqual({
      trajectories: 3,
      resolved: 2,
      tasks: 3, // no task: each run counts as its own
      byAgent: { [deepseek]: 2, [opus]: 1 },
      splits: { train: 3, validation: 0 },
      egs: { scored: 0, mean: null, p10: null, p50: null, p90: null, histogram: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
      selection: null, // chosen by hand
    });
    expect(v1.contentHash).toMatch(/^[0-9a-f]{64}$/);

    const v2 = await freezeDataset(database.db, { dataset: name, members: byHand([...ids]).reverse() });
    expect(v2.version).toBe(2);
    expect(v2.contentHash).toBe(v1.contentHash); // same members, any order, same hash

    const v3 = await freezeDataset(database.db, { dataset: name, members: byHand(ids.slice(0, 2)) });
    expect(v3.contentHash).not.toBe(v1.contentHash);

    const read = await getDatasetVersion(database.db, name, 1);
    expect(read.members.map((m) => m.trajectoryId)).toEqual([...ids].sort((a, b) => a - b));
    expect(read.members.every((m) => m.split === "train")).toBe(true);
    expect((await getDatasetVersion(database.db, name)).version).toBe(3);
    expect((await getDataset(database.db, name)).versions.map((v) => v.version)).toEqual([3, 2, 1]);
  });

  it("names missing trajectories and writes no version", async () => {
    const name = uniqueName("broken");
    await createDataset(database.db, { name });
    await expect(freezeDataset(database.db, { dataset: name, members: byHand([987654321]) })).rejects.toThrow(InvalidInputError);
    expect((await getDataset(database.db, name)).versions).toEqual([]);
  });

  it("never lets a frozen version change, even through SQL", async () => {
    const name = uniqueName("frozen");
    await createDataset(database.db, { name });
    const version = await freezeDataset(database.db, { dataset: name, members: byHand([await trajectory(uniqueName("a"), true)]) });
    const extra = await trajectory(uniqueName("b"), true);

    await expect(database.db.update(datasetVersions).set({ memberCount: 99 }).where(eq(datasetVersions.id, version.id))).rejects.toThrow();
    await expect(database.db.delete(datasetVersionMembers).where(eq(datasetVersionMembers.versionId, version.id))).rejects.toThrow();
    await expect(database.db.insert(datasetVersionMembers).values({ versionId: version.id, trajectoryId: extra })).rejects.toThrow();
    await expect(database.db.execute(sql`delete from dataset_versions where id = ${version.id}`)).rejects.toThrow();
    // The stored content is filled in once, by the freeze; after that it cannot be swapped or cleared.
    const [member] = await database.db.select().from(datasetVersionMembers).where(eq(datasetVersionMembers.versionId, version.id));
    expect(member!.contentHash).toMatch(/^[0-9a-f]{64}$/);
    await expect(database.db.update(datasetVersionMembers).set({ contentHash: null }).where(eq(datasetVersionMembers.versionId, version.id))).rejects.toThrow();
    const other = await putBlob(database.db, "{}");
    await expect(database.db.update(datasetVersionMembers).set({ contentHash: other }).where(eq(datasetVersionMembers.versionId, version.id))).rejects.toThrow();
    expect(await getDatasetVersion(database.db, name, 1)).toMatchObject({ memberCount: 1, members: [{ split: "train" }] });
  });

  it("records exports and student results against a frozen version", async () => {
    const name = uniqueName("sft");
    await createDataset(database.db, { name });
    const version = await freezeDataset(database.db, { dataset: name, members: byHand([await trajectory(uniqueName("a"), true)]) });

    const running = await startExport(database.db, { datasetVersionId: version.id, format: "openai", options: { maskObservations: false }, createdBy: "lead" });
    expect(running.status).toBe("running");
    const done = await finishExport(database.db, running.id, { ok: true, path: "/tmp/sft.jsonl", contentHash: "f".repeat(64), bytes: 1234, trajectoryCount: 1 });
    const failed = await startExport(database.db, { datasetVersionId: version.id, format: "sharegpt" });
    await finishExport(database.db, failed.id, { ok: false, error: "disk full" });
    const exports = await listExports(database.db, version.id);
    expect(exports.map((e) => [e.format, e.status, e.error])).toEqual([
      ["sharegpt", "failed", "disk full"],
      ["openai", "done", null],
    ]);
    expect(done.finishedAt).toBeInstanceOf(Date);

    await addStudentResult(database.db, { dataset: name, version: 1, studentModel: "qwen3-32b", benchmark: "terminal-bench-2.0", score: 20.6 });
    await addStudentResult(database.db, { dataset: name, version: 1, studentModel: "qwen3-8b", benchmark: "terminal-bench-2.0", score: 9.1, notes: "3 epochs" });
    const results = await listStudentResults(database.db, version.id);
    expect(results.map((r) => [r.studentModel, r.score])).toEqual([
      ["qwen3-32b", 20.6],
      ["qwen3-8b", 9.1],
    ]);
    await expect(addStudentResult(database.db, { dataset: name, version: 7, studentModel: "x", benchmark: "y", score: 1 })).rejects.toThrow(/version 7/);
  });
});
