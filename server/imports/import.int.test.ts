import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { atifJson } from "../testing/atif-document";
import type { Database } from "@/db/client";
import { agents, blobs, steps, tasks, trajectories } from "@/db/schema";
import { SAMPLES, SAMPLES_MISSING, hasSamples } from "../testing/sample-files";
import { openTestDatabase } from "../testing/test-database";
import { importPaths } from "./import-sources";
import { storeSources } from "./store-unit";

let database: Database;
let work: string;
beforeAll(async () => {
  database = await openTestDatabase();
  work = fs.mkdtempSync(path.join(os.tmpdir(), "trajstudio-import-"));
});
afterAll(async () => {
  await database.close();
  fs.rmSync(work, { recursive: true, force: true });
});

function write(rel: string, content: string | Buffer) {
  const abs = path.join(work, rel);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, content);
  return abs;
}

const atif = (session: string, commands: string[]) =>
  atifJson({
    session,
    model: "deepseek/deepseek-v3.2",
    task: "Task Description:\nMake it work.\n\nCurrent terminal state:\n",
    commands: commands.map((keystrokes) => ({ keystrokes, output: "ok" })),
  });

async function countOf(table: typeof trajectories | typeof blobs) {
  return (await database.db.select({ n: count() }).from(table))[0]!.n;
}

describe.skipIf(!hasSamples)(`importing the ATIF samples (${SAMPLES_MISSING})`, () => {
  it("imports each main trajectory once, joins companions, and adds nothing on a second import", async () => {
    const first = await importPaths(database.db, [path.join(SAMPLES, "atif")]);
    expect(first).toMatchObject({ imported: 2, duplicates: 0, failed: [], trajectories: 2, steps: 14 });
    expect(first.skipped.map((s) => s.reason)).toEqual(Array(3).fill("joined into its main ATIF trajectory"));
    const [row] = await database.db
      .select({ agent: agents.name, model: agents.model, provider: agents.provider, task: tasks.name, steps: trajectories.stepCount })
      .from(trajectories)
      .innerJoin(agents, eq(agents.id, trajectories.agentId))
      .innerJoin(tasks, eq(tasks.id, trajectories.taskId))
      .where(eq(trajectories.id, first.reports[0]!.trajectoryIds[0]!));
    expect(row).toEqual({ agent: "terminus-2/gpt-4o", model: "openai/gpt-4o", provider: "openai", task: "hello-world-context-summarization", steps: 10 });

    const before = await countOf(trajectories);
    const again = await importPaths(database.db, [path.join(SAMPLES, "atif")]);
    expect(again).toMatchObject({ imported: 0, duplicates: 2, trajectories: 0, steps: 0, failed: [] });
    expect(await countOf(trajectories)).toBe(before);
  });
});

describe("importing a batch with bad files", () => {
  it("imports the good files, fails each bad one with its reason, and keeps nothing of the bad ones", async () => {
    const dir = path.join(work, "batch");
    write("batch/good.json", atif("good", ["ls", "cat f"]));
    write("batch/truncated.json", atif("truncated", ["ls"]).slice(0, 120));
    write("batch/empty.json", "");
    write("batch/latin1.json", Buffer.concat([Buffer.from('{"schema_version":"ATIF-v1.7","steps":[{"source":"user","message":"caf'), Buffer.from([0xe9]), Buffer.from('"}]}')]));
    write("batch/notes.txt", "not a trajectory");
    const before = await countOf(trajectories);

    const result = await importPaths(database.db, [dir]);
    expect(result).toMatchObject({ imported: 1, trajectories: 1, steps: 2 });
    expect(result.skipped).toEqual([{ path: path.join(dir, "notes.txt"), reason: "not a trajectory format" }]);
    const errors = Object.fromEntries(result.failed.map((f) => [path.basename(f.path), f.error]));
    expect(Object.keys(errors).sort()).toEqual(["empty.json", "latin1.json", "truncated.json"]);
    expect(errors["empty.json"]).toMatch(/empty\.json: the file is empty/);
    expect(errors["latin1.json"]).toMatch(/latin1\.json \(line 1, byte \d+\): not valid UTF-8/);
    expect(errors["truncated.json"]).toMatch(/truncated\.json \(line 1, column \d+\): the JSON ends too early/);
    expect(await countOf(trajectories)).toBe(before + 1);
  });

  it("fails a file named directly when its format is unknown, and says how to force one", async () => {
    const file = write("unknown.json", JSON.stringify({ hello: "world" }));
    const result = await importPaths(database.db, [file, path.join(work, "does-not-exist")]);
    expect(result.failed.map((f) => f.error)).toEqual([
      `${path.join(work, "does-not-exist")}: no such file or directory`,
      `${file}: not a trajectory format Trajectory Studio knows (try --format NAME)`,
    ]);
  });

  it("names the teacher from --agent when asked", async () => {
    const file = write("override.json", atif("override", ["make test"]));
    const result = await importPaths(database.db, [file], { agent: "my-teacher" });
    const [row] = await database.db.select({ agent: agents.name }).from(trajectories).innerJoin(agents, eq(agents.id, trajectories.agentId)).where(eq(trajectories.id, result.reports[0]!.trajectoryIds[0]!));
    expect(row!.agent).toBe("my-teacher");
  });
});

describe("a Harbor trial directory", () => {
  it("becomes one trajectory with the task, teacher, reward and recording of the trial", async () => {
    write("harbor/job/fix-git__a1b2/result.json", JSON.stringify({
      task_name: "fix-git",
      trial_name: "fix-git__a1b2",
      agent_info: { name: "terminus-2", version: "2.0.0", model_info: { name: "claude-opus-4-6", provider: "anthropic" } },
      agent_result: { n_input_tokens: 5000, n_output_tokens: 700, n_cache_tokens: 100, cost_usd: 0.12 },
      exception_info: null,
      started_at: "2026-11-01T10:00:00Z",
      finished_at: "2026-11-01T10:05:00Z",
    }));
    write("harbor/job/fix-git__a1b2/agent/trajectory.json", atif("fix-git-1", ["git status", "git commit -am fix", "git log -1"]));
    write("harbor/job/fix-git__a1b2/agent/recording.cast", '{"version": 2, "width": 80, "height": 24}\n[0.1, "o", "$ git status\\r\\n"]\n');
    write("harbor/job/fix-git__a1b2/verifier/reward.txt", "1\n");
    write("harbor/job/result.json", JSON.stringify({ id: "job", trial_results: [] })); // the job summary: not a trial

    const result = await importPaths(database.db, [path.join(work, "harbor")]);
    expect(result).toMatchObject({ imported: 1, trajectories: 1, steps: 3, failed: [] });
    expect(result.reports[0]).toMatchObject({ format: "harbor", path: path.join(work, "harbor/job/fix-git__a1b2") });
    const [row] = await database.db
      .select({ t: trajectories, agent: agents.name, task: tasks.name })
      .from(trajectories)
      .innerJoin(agents, eq(agents.id, trajectories.agentId))
      .innerJoin(tasks, eq(tasks.id, trajectories.taskId))
      .where(eq(trajectories.id, result.reports[0]!.trajectoryIds[0]!));
    expect(row).toMatchObject({ agent: "terminus-2/claude-opus-4-6", task: "fix-git" });
    expect(row!.t).toMatchObject({ reward: 1, resolved: true, promptTokens: 5000, completionTokens: 700, durationMs: 300_000, failureTags: [] });
    expect(row!.t.recordingBlob).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("one source, one transaction", () => {
  it("keeps nothing of a source — not even its recording — when a later trajectory of it fails", async () => {
    const before = { trajectories: await countOf(trajectories), blobs: await countOf(blobs) };
    const good = { steps: [{ action: "ls" }], recording: `{"version":2}\n[0.1,"o","unique ${Date.now()}"]\n`, warnings: [], key: "1" };
    const bad = { steps: [{ action: "ls", exitCode: 1.5 }], warnings: [], key: "2" };
    const [outcome] = await storeSources(database.db, [{ format: "openai", path: "two.jsonl", hash: "e".repeat(64), trajectories: [good, bad] }]);
    expect(outcome).toBeInstanceOf(Error);
    expect({ trajectories: await countOf(trajectories), blobs: await countOf(blobs) }).toEqual(before);
    const leftovers = await database.db.select({ n: count() }).from(steps).innerJoin(trajectories, eq(trajectories.id, steps.trajectoryId)).where(eq(trajectories.sourcePath, "two.jsonl"));
    expect(leftovers[0]!.n).toBe(0);
  });
});

describe("text PostgreSQL cannot hold", () => {
  it("stores NUL bytes and cut emoji (lone surrogates) in outputs and tool arguments as visible replacements", async () => {
    const nasty = "out\u0000put \ud83d cut";
    const [result] = await storeSources(database.db, [
      { format: "atif", path: "nasty.json", hash: "d".repeat(64), trajectories: [{ steps: [{ action: "printf '\\0'", observation: nasty, toolName: "bash", toolArgs: { command: nasty, nested: [nasty] } }], warnings: [] }] },
    ]);
    if (!result || result instanceof Error) throw result ?? new Error("nothing stored");
    const [step] = await database.db.select({ observation: steps.observation, toolArgs: steps.toolArgs }).from(steps).where(eq(steps.trajectoryId, result![0]!.id));
    expect(step!.observation).toBe("out\u2400put \ufffd cut");
    expect(step!.toolArgs).toEqual({ command: "out\u2400put \ufffd cut", nested: ["out\u2400put \ufffd cut"] });
  });
});

describe("zip archives", () => {
  it("imports what is inside — trial directories included — and refuses an archive with unsafe names", async () => {
    const { makeZip } = await import("../testing/make-zip");
    const trial = "runs/fix-git__x1";
    const archive = write(
      "archives/runs.zip",
      makeZip([
        { name: `${trial}/result.json`, data: JSON.stringify({ task_name: "fix-git", agent_info: { name: "terminus-2", model_info: { name: "qwen3-coder" } } }) },
        { name: `${trial}/agent/trajectory.json`, data: atif("zipped-trial", ["git status", "git stash pop"]) },
        { name: `${trial}/verifier/reward.json`, data: JSON.stringify({ reward: 0 }) },
        { name: "loose/one.json", data: atif("zipped-loose", ["make"]) },
      ]),
    );
    const evil = write("archives/evil.zip", makeZip([{ name: "../../escape.json", data: atif("evil", ["ls"]) }]));

    const result = await importPaths(database.db, [archive, evil]);
    expect(result.reports.map((r) => [r.path, r.format, r.status, r.steps])).toEqual([
      [`${archive}!${trial}`, "harbor", "imported", 2],
      [`${archive}!loose/one.json`, "atif", "imported", 1],
    ]);
    expect(result.failed).toEqual([{ path: evil, error: expect.stringMatching(/evil\.zip.*\.\.\/\.\.\/escape\.json/) }]);
    const [row] = await database.db.select({ resolved: trajectories.resolved, reward: trajectories.reward }).from(trajectories).where(eq(trajectories.id, result.reports[0]!.trajectoryIds[0]!));
    expect(row).toEqual({ resolved: false, reward: 0 });
  });
});
