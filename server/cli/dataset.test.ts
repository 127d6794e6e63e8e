import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { atifJson } from "../testing/atif-document";
import { main } from "./main";

/*
 * The curation commands end to end on an embedded database in a temporary directory: import,
 * create, freeze, export, a second export of the same version, and a student result.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trajstudio-cli-dataset-"));
afterEach(() => vi.restoreAllMocks());
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]): Promise<{ code: number; json: unknown; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => (out.push(String(chunk)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (err.push(String(chunk)), true));
  const code = await main(["node", "trajstudio", "--data", path.join(dir, "data"), "--json", ...args]);
  vi.restoreAllMocks();
  return { code, json: out.length ? JSON.parse(out.join("")) : null, stderr: err.join("") };
}

describe("trajstudio dataset / export / student", () => {
  it("creates, freezes and exports a dataset, the same bytes twice", { timeout: 60_000 }, async () => {
    const runs = path.join(dir, "runs");
    fs.mkdirSync(runs);
    fs.writeFileSync(path.join(runs, "cli-a.trajectory.json"), atifJson({ session: "cli-a", commands: [{ keystrokes: "cat a.txt", output: "a" }, "echo b > a.txt", { keystrokes: "cat a.txt", output: "b" }] }));
    fs.writeFileSync(path.join(runs, "cli-b.trajectory.json"), atifJson({ session: "cli-b", commands: [{ keystrokes: "ls", output: "a.txt" }] }));
    expect((await run("import", runs)).code).toBe(0);

    const created = await run("dataset", "create", "cli-set", "--filter", "task=cli-", "--failed-too", "--max-per-task", "1");
    expect(created).toMatchObject({ code: 0, json: { name: "cli-set", filter: "task=cli-", options: { outcome: "any", maxPerTask: 1 } } });
    const frozen = await run("dataset", "freeze", "cli-set");
    expect(frozen).toMatchObject({ code: 0, json: { version: 1, memberCount: 2 } });

    const first = await run("export", "cli-set", "--format", "openai", "--out", path.join(dir, "out-1"));
    const second = await run("export", "cli-set", "--format", "openai", "--out", path.join(dir, "out-2"), "--version", "1");
    expect(first).toMatchObject({ code: 0, json: { trajectories: 2, files: ["README.md", "manifest.json", "train.jsonl"] } });
    expect((second.json as { contentHash: string }).contentHash).toBe((first.json as { contentHash: string }).contentHash);
    expect(fs.readFileSync(path.join(dir, "out-2", "train.jsonl"))).toEqual(fs.readFileSync(path.join(dir, "out-1", "train.jsonl")));

    expect(await run("student", "add", "--dataset", "cli-set", "--version", "1", "--model", "tiny", "--benchmark", "tb2", "--score", "0.3")).toMatchObject({ code: 0, json: { studentModel: "tiny", score: 0.3 } });
  });

  it("says what is wrong and exits 1", { timeout: 30_000 }, async () => {
    const typo = await run("dataset", "create", "typo-set", "--filter", "outcom=resolved");
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain('"outcom"');
    const format = await run("export", "cli-set", "--format", "parquet", "--out", path.join(dir, "out-x"));
    expect(format.code).toBe(1);
    expect(format.stderr).toContain("--format parquet is not one of openai, sharegpt, axolotl, atif");
    const taken = await run("export", "cli-set", "--format", "openai", "--out", path.join(dir, "out-1"));
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain("already exists");
    expect((await run("student", "add", "--dataset", "cli-set", "--version", "1", "--model", "m", "--benchmark", "b", "--score", "high")).stderr).toContain('--score takes a number, not "high"');
  });
});
