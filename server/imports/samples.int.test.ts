import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { agents, tasks, trajectories } from "@/db/schema";
import { SAMPLES, SAMPLES_MISSING, hasSamples } from "../testing/sample-files";
import { openTestDatabase } from "../testing/test-database";
import { type ImportResult, importPaths } from "./import-sources";

/*
 * Every sample in ../shared/samples through the whole pipeline into the database. The values
 * were read off the files (see each format's unit test for the step-level detail).
 */
let database: Database;
let result: ImportResult;
beforeAll(async () => {
  database = await openTestDatabase();
  if (hasSamples) result = await importPaths(database.db, [SAMPLES]);
});
afterAll(() => database.close());

// [path under samples, format, agent steps, resolved, teacher, task, failure tags]
const expected: [string, string, number, boolean | null, string | null, string | null, string[]][] = [
  ["asciicast/demo.cast", "asciicast", 2, null, null, null, []],
  ["asciicast/full-v2.cast", "asciicast", 0, null, null, null, ["no-agent-steps"]],
  ["asciicast/full-v3.cast", "asciicast", 0, null, null, null, ["no-agent-steps"]],
  ["asciicast/minimal-v3.cast", "asciicast", 0, null, null, null, ["no-agent-steps"]],
  ["atif/terminus2/hello-world-context-summarization.trajectory.json", "atif", 10, null, "terminus-2/gpt-4o", "hello-world-context-summarization", []],
  ["atif/terminus2/hello-world-invalid-json.trajectory.json", "atif", 4, null, "terminus-2/gpt-4o", "hello-world-invalid-json", ["parse-errors"]],
  ["inspect/log_read_sample.eval", "inspect", 1, true, "ollama/gemma3", "popularity/1", ["no-agent-steps"]],
  // This Inspect test log elides its model and task as "...": kept as written.
  ["inspect/log_tool_call_error.json", "inspect", 11, null, "...", ".../1", ["no-agent-steps"]],
  ["mini-swe-agent/github_issue.traj.json", "mini-swe-agent", 10, null, "mini-swe-agent", "github_issue", ["tests-edited"]],
  ["mini-swe-agent/mini-swe-agent-trajectory.json", "mini-swe-agent", 3, null, "mini-swe-agent/claude-3-5-sonnet-20241022", "mini-swe-agent-trajectory", []],
  ["openhands/openhands_trajectory.json", "openhands", 2, null, "openhands/gpt-5-2025-08-07", "openhands_trajectory", []],
  ["swe-agent/6e44b9__sweagenttestrepo-1c2844.traj", "swe-agent", 5, null, "swe-agent/gpt-4o", "SWE-agent__test-repo-i1", []],
  ["tb1-runs/20250711_openhands_claude-4-sonnet/openhands-sonnet/fix-permissions/fix-permissions.1-of-1.openhands-sonnet", "terminal-bench", 0, true, "openhands/claude-4-sonnet", "fix-permissions", ["no-agent-steps"]],
  ["tb1-runs/20250711_openhands_claude-4-sonnet/openhands-sonnet/hello-world/hello-world.1-of-1.openhands-sonnet", "terminal-bench", 0, true, "openhands/claude-4-sonnet", "hello-world", ["no-agent-steps"]],
  ["tb1-runs/20250825_swe-agent-mini_claude-4-sonnet/2025-08-07__20-46-16/fix-permissions/fix-permissions.1-of-1.2025-08-07__20-46-16", "terminal-bench", 0, false, "mini-swe-agent/claude-4-sonnet", "fix-permissions", ["agent-never-ran"]],
  ["tb1-runs/20250825_swe-agent-mini_claude-4-sonnet/2025-08-07__20-46-16/hello-world/hello-world.1-of-1.2025-08-07__20-46-16", "terminal-bench", 4, true, "mini-swe-agent/claude-4-sonnet", "hello-world", ["timeout"]],
  ["tb1-runs/20250902_orchestrator_qwen-3-coder-480B/fix-permissions/fix-permissions.1-of-5", "terminal-bench", 0, true, "orchestrator/qwen-3-coder-480B", "fix-permissions", ["no-agent-steps"]],
  ["tb1-runs/20250902_orchestrator_qwen-3-coder-480B/hello-world/hello-world.1-of-5", "terminal-bench", 0, true, "orchestrator/qwen-3-coder-480B", "hello-world", ["no-agent-steps"]],
];

describe.skipIf(!hasSamples)(`every shared sample (${SAMPLES_MISSING})`, () => {
  it("imports with nothing failed, and the companions and task files are not taken for trajectories", () => {
    expect(result.failed).toEqual([]);
    expect(result.imported).toBe(expected.length);
    const skipped = result.skipped.map((s) => s.path.slice(SAMPLES.length + 1)).sort();
    expect(skipped.filter((p) => p.startsWith("atif/"))).toHaveLength(3); // subagent files, joined in
    expect(skipped.filter((p) => p.startsWith("harbor-task/"))).toHaveLength(6); // a task, not a run
    expect(skipped).toContain("PROVENANCE.md");
  });

  it("gives each source its format, step count, outcome, teacher, task and failure tags", async () => {
    const rows = await database.db
      .select({ path: trajectories.sourcePath, format: trajectories.sourceFormat, steps: trajectories.stepCount, resolved: trajectories.resolved, agent: agents.name, task: tasks.name, tags: trajectories.failureTags })
      .from(trajectories)
      .leftJoin(agents, eq(agents.id, trajectories.agentId))
      .leftJoin(tasks, eq(tasks.id, trajectories.taskId));
    const actual = rows
      .map((r) => [r.path!.slice(SAMPLES.length + 1), r.format, r.steps, r.resolved, r.agent, r.task, r.tags])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(actual).toEqual(expected);
  });

  it("adds nothing when the same samples are imported again", async () => {
    const again = await importPaths(database.db, [SAMPLES]);
    expect(again).toMatchObject({ imported: 0, trajectories: 0, steps: 0, failed: [] });
    expect(again.duplicates).toBe(result.imported);
  });
});
