import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { putBlob } from "../blobs/blob-store";
import { addLabel } from "../labels/add-label";
import { fakeSourceHash, openTestDatabase, uniqueName } from "../testing/test-database";
import { createTrajectory } from "./create-trajectory";
import { getReplay } from "./get-replay";
import { OBSERVATION_PREVIEW, listStepViews, stepObservation } from "./step-views";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

describe("the workbench's data", () => {
  it("cuts long outputs to a preview that says how long they are, and shows current labels", async () => {
    const long = "x".repeat(OBSERVATION_PREVIEW + 123);
    const { id } = await createTrajectory(database.db, {
      agent: { name: uniqueName("teacher") },
      sourceFormat: "atif",
      sourceHash: fakeSourceHash(),
      steps: [{ action: "cat big.log", observation: long }, { action: "ls", observation: "a b" }],
    });
    const [big, small] = await listStepViews(database.db, id);
    expect(big!.observation).toHaveLength(OBSERVATION_PREVIEW);
    expect(big!.observationLength).toBe(OBSERVATION_PREVIEW + 123);
    expect(small!.observation).toBe("a b");
    expect(await stepObservation(database.db, big!.id)).toBe(long);

    const ana = uniqueName("ana");
    await addLabel(database.db, { stepId: small!.id, annotator: ana, tag: "verify" });
    await addLabel(database.db, { stepId: small!.id, annotator: ana, tag: "other", note: "just looking" });
    const after = await listStepViews(database.db, id);
    expect(after[1]!.labels).toEqual([{ annotator: ana, tag: "other", note: "just looking" }]);
    expect(after[1]!.tag).toBe("other");
    expect(after[1]!.commands).toEqual([{ text: "ls", tag: "inspect", rule: "read.list", confidence: expect.any(Number) }]);
  });

  it("replays the recording with each action at its offset, or builds one from the steps", async () => {
    const cast = `${JSON.stringify({ version: 2, width: 80, height: 24 })}\n${JSON.stringify([0.5, "o", "$ ls\r\n"])}\n`;
    const recorded = await createTrajectory(database.db, {
      sourceFormat: "asciicast",
      sourceHash: fakeSourceHash(),
      recordingBlob: await putBlob(database.db, cast),
      steps: [{ action: "ls", recordingOffset: 0.5 }, { source: "user", action: null }, { action: "pwd", recordingOffset: 2.25 }],
    });
    expect(await getReplay(database.db, recorded.id)).toEqual({
      cast,
      synthesized: false,
      markers: [
        { step: 0, time: 0.5 },
        { step: 2, time: 2.25 },
      ],
    });

    const built = await createTrajectory(database.db, {
      sourceFormat: "atif",
      sourceHash: fakeSourceHash(),
      steps: [{ source: "user", action: null, observation: "Task" }, { action: "echo one", observation: "one" }, { action: "echo two", observation: "two" }],
    });
    const replay = await getReplay(database.db, built.id);
    expect(replay.synthesized).toBe(true);
    // Markers name the stored step indexes (the prompt at 0 is not an action) in increasing time.
    expect(replay.markers.map((m) => m.step)).toEqual([1, 2]);
    expect(replay.markers[0]!.time).toBeLessThan(replay.markers[1]!.time);
    const output = replay.cast
      .split("\n")
      .slice(1)
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as [number, string, string])[2])
      .join("");
    expect(output.indexOf("echo one")).toBeLessThan(output.indexOf("echo two"));
    expect(output).toContain("two");
  });
});
