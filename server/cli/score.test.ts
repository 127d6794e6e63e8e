import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { atifJson } from "../testing/atif-document";
import { main } from "./main";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trajstudio-score-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

function capture() {
  const out: string[] = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => (out.push(String(chunk)), true));
  vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  return () => out.join("");
}

function atifFile(name: string, commands: string[]) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, atifJson({ session: name, model: "deepseek-v3.2", task: "Task Description:\nFix the config.", commands: [{ message: "Looking first." }, ...commands] }));
  return file;
}

describe("trajstudio score", () => {
  it("prints the documented JSON contract: steps in source order with each command's tag and rule, and the metrics", async () => {
    const file = atifFile("fix.trajectory.json", ["cd /app && cat config.yaml", "sed -i 's/a/b/' config.yaml", "git diff"]);
    const stdout = capture();
    expect(await main(["node", "trajstudio", "--json", "score", file])).toBe(0);
    const report = JSON.parse(stdout());
    expect(report.egsVersion).toBe("egs-v1");
    expect(report.trajectories).toHaveLength(1);
    const [t] = report.trajectories;
    expect(t.agent).toBe("terminus-2/deepseek-v3.2");
    // Step 0 is the prompt, step 1 a thought without a command: neither is an agent action.
    expect(t.steps.map((s: { index: number; tag: string }) => [s.index, s.tag])).toEqual([
      [2, "inspect"],
      [3, "act"],
      [4, "verify"],
    ]);
    expect(t.steps[0].commands).toEqual([
      { text: "cd /app", tag: "other", rule: "nav.cd", confidence: expect.any(Number) },
      { text: "cat config.yaml", tag: "inspect", rule: "read.file", confidence: expect.any(Number) },
    ]);
    expect(t.steps[2].commands[0].rule).toBe("git.read+after-act");
    // One act, observed before (TOR 1), checked by git diff (VAR 1, closed loop 1).
    expect(t.metrics).toMatchObject({ tor: 1, var: 1, closedLoop: 1, iavCycles: 1, egs: 1, counts: { inspect: 1, act: 1, verify: 1, other: 0 } });
  });

  it("reports unreadable files and exits 1, scoring the rest", async () => {
    const good = atifFile("good.trajectory.json", ["ls"]);
    const bad = path.join(dir, "bad.trajectory.json");
    fs.writeFileSync(bad, '{"schema_version": "ATIF-v1.7", "steps": [');
    const stdout = capture();
    expect(await main(["node", "trajstudio", "--json", "score", good, bad])).toBe(1);
    const report = JSON.parse(stdout());
    expect(report.trajectories).toHaveLength(1);
    expect(report.failed).toEqual([{ path: bad, error: expect.stringContaining(bad) }]);
    // No act: the metrics are undefined, not zero.
    expect(report.trajectories[0].metrics).toMatchObject({ tor: null, var: null, egs: null });
  });
});
