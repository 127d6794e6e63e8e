import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { openTestDatabase } from "../testing/test-database";
import { createUpload, importUpload, saveUploadedFile, uploadTarget } from "./uploads";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

const atif = (session: string) =>
  JSON.stringify({
    schema_version: "ATIF-v1.7",
    session_id: session,
    agent: { name: "terminus-2", model_name: "gpt-4o" },
    steps: [{ step_id: 1, source: "agent", tool_calls: [{ tool_call_id: "a", function_name: "bash_command", arguments: { keystrokes: "ls\n" } }] }],
  });

describe("browser uploads", () => {
  it("keeps files inside the upload whatever path the browser sends", async () => {
    const { id } = await createUpload();
    expect(uploadTarget(id, "runs/trial-1/results.json")).toMatch(new RegExp(`${id}/files/runs/trial-1/results\\.json$`));
    for (const evil of ["../../etc/passwd", "/etc/passwd", "a/../../b", "C:\\windows\\x", "", "a/\0b"]) {
      expect(() => uploadTarget(id, evil)).toThrow(/not a relative file path/);
    }
    expect(() => uploadTarget("../x", "a.json")).toThrow(/No upload/);
  });

  it("streams files to disk, imports them as a directory, reports paths as uploaded, and cleans up", async () => {
    const { id } = await createUpload();
    await saveUploadedFile(id, "my-runs/a.trajectory.json", Readable.from([Buffer.from(atif("upload-a"))]));
    // A web ReadableStream, as route handlers receive it, in several chunks.
    const text = atif("upload-b");
    const web = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < text.length; i += 16) controller.enqueue(new TextEncoder().encode(text.slice(i, i + 16)));
        controller.close();
      },
    });
    expect(await saveUploadedFile(id, "my-runs/b.trajectory.json", web)).toEqual({ path: "my-runs/b.trajectory.json", size: text.length });
    await saveUploadedFile(id, "my-runs/broken.json", Readable.from([Buffer.from('{"schema_version": "ATIF-v1.7", "steps": [')]));

    const result = await importUpload(database.db, id);
    expect(result).toMatchObject({ imported: 2, trajectories: 2, steps: 2 });
    expect(result.reports.filter((r) => r.status === "imported").map((r) => r.path).sort()).toEqual(["my-runs/a.trajectory.json", "my-runs/b.trajectory.json"]);
    expect(result.failed).toEqual([{ path: "my-runs/broken.json", error: expect.stringMatching(/^my-runs\/broken\.json \(.*\): the JSON ends too early/) }]);
    await expect(importUpload(database.db, id)).rejects.toThrow(/Nothing was uploaded/); // removed after import
  });
});
