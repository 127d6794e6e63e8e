import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AgentInput } from "../agents/upsert-agent";
import { StepInput } from "../trajectories/trajectory-input";
import { sweAgentImporter as importer } from "./swe-agent";
import { SAMPLES, hasSamples, importedFile, noSiblings, sampleHead, sampleRels } from "../testing/format-inputs";

const SAMPLE = "swe-agent/6e44b9__sweagenttestrepo-1c2844.traj";
const OWN = new Set([SAMPLE]);

const sampleText = () => fs.readFileSync(path.join(SAMPLES, SAMPLE), "utf8");
const parseText = (rel: string, text: string) => importer.parse(importedFile(rel, text), noSiblings);

describe.skipIf(!hasSamples)(hasSamples ? "SWE-agent sample" : "SWE-agent sample — SKIPPED: ../shared/samples not found next to the repo", () => {
  it("maps the .traj: prompt steps, then one step per action with its tool, thought and observation", async () => {
    const { trajectories, warnings } = await parseText(SAMPLE, sampleText());
    expect(warnings).toEqual([]);
    expect(trajectories).toHaveLength(1);
    const t = trajectories[0]!;
    expect(t.steps).toHaveLength(7);
    expect(t.steps.slice(0, 2).map((s) => [s.source, s.trainable])).toEqual([["system", false], ["user", false]]);
    expect(t.steps[0]!.observation).toMatch(/^SETTING: You are an autonomous programmer/);

    const actions = t.steps.slice(2);
    expect(actions.map((s) => s.toolName)).toEqual(["find_file", "open", "edit", "bash", "submit"]);
    expect(actions.map((s) => s.action)).toEqual([
      "find_file missing_colon.py",
      'open "/SWE-agent__test-repo/tests/missing_colon.py"',
      "edit 'def division(a: float, b: float) -> float' 'def division(a: float, b: float) -> float:' False",
      "python3 /SWE-agent__test-repo/tests/missing_colon.py",
      "submit",
    ]);
    expect(actions[0]!.toolArgs).toEqual({ file_name: "missing_colon.py" });
    expect(actions[0]!.thought).toMatch(/^To start addressing this issue/);
    expect(actions[0]!.observation).toBe('Found 1 matches for "missing_colon.py" in /SWE-agent__test-repo:\r\n/SWE-agent__test-repo/tests/missing_colon.py');
    expect(actions[3]!.observation).toBe("8.2");
    expect(actions[4]!.observation).toContain("+def division(a: float, b: float) -> float:");
    // SWE-agent does not record exit codes or times.
    expect(actions.every((s) => s.exitCode === undefined && s.startedAt === undefined)).toBe(true);

    expect(t.agent).toEqual({ name: "swe-agent", model: "gpt-4o", version: null, harness: "swe-agent", provider: null });
    expect(t.task?.name).toBe("SWE-agent__test-repo-i1");
    expect(t.task?.source).toBe("https://github.com/SWE-agent/test-repo/issues/1");
    expect(t.task?.instruction).toMatch(/^SyntaxError: invalid syntax\nI'm running `missing_colon.py`/);
    expect(t.task?.instruction).not.toContain("INSTRUCTIONS:");
    expect(t.promptTokens).toBe(7141);
    expect(t.completionTokens).toBe(243);
    expect(t.costUsd).toBeCloseTo(0.01952, 8);
    expect(t.resolved).toBeUndefined(); // a submission is not a verdict
    expect(t.failureTags).toEqual([]);
    expect(t.warnings).toEqual(["SWE-agent records no timestamps or exit codes: step times and exit codes are unknown"]);
    // What the importer hands on must pass the shapes the database layer checks.
    expect(() => z.array(StepInput).parse(t.steps)).not.toThrow();
    expect(() => AgentInput.parse(t.agent)).not.toThrow();
  });

  it("recovers actions from `history` when the file has no `trajectory`, and says how", async () => {
    const doc = JSON.parse(sampleText());
    delete doc.trajectory;
    doc.replay_config = JSON.stringify(doc.replay_config); // SWE-agent 1.x writes it as a JSON string
    const t = (await parseText("h.traj", JSON.stringify(doc))).trajectories[0]!;
    expect(t.warnings).toContain("no `trajectory` steps in the file: actions recovered from `history` (4 from the recorded action)");
    // The history of this sample ends before the submit.
    expect(t.steps.map((s) => s.toolName ?? s.source)).toEqual(["system", "user", "find_file", "open", "edit", "bash"]);
    // The prompt template around each observation is removed.
    expect(t.steps[5]!.observation).toBe("8.2");
    expect(t.steps[2]!.observation).not.toContain("(Open file:");

    for (const m of doc.history) delete m.action;
    const fromCalls = (await parseText("h.traj", JSON.stringify(doc))).trajectories[0]!;
    expect(fromCalls.warnings).toContain("no `trajectory` steps in the file: actions recovered from `history` (4 from tool calls)");
    expect(fromCalls.steps[3]!.action).toBe("open /SWE-agent__test-repo/tests/missing_colon.py");
    expect(fromCalls.steps[5]!.action).toBe("python3 /SWE-agent__test-repo/tests/missing_colon.py");

    for (const m of doc.history) {
      delete m.tool_calls;
      delete m.thought;
      if (m.role === "assistant") m.content = `DISCUSSION\nLet me look.\n\n\`\`\`\nls -la tests\n\`\`\`\n`;
    }
    const fromFence = (await parseText("h.traj", JSON.stringify(doc))).trajectories[0]!;
    expect(fromFence.warnings).toContain("no `trajectory` steps in the file: actions recovered from `history` (4 from fenced commands in the text)");
    expect(fromFence.steps[2]).toMatchObject({ action: "ls -la tests", toolName: "bash", thought: "Let me look." });
  });

  it("imports each attempt of a retry agent as its own trajectory", async () => {
    const attempt = JSON.parse(sampleText());
    const { trajectories, warnings } = await parseText("r.traj", JSON.stringify({ attempts: [attempt, attempt], info: { best_attempt_idx: 1 } }));
    expect(trajectories.map((t) => [t.key, t.steps.length])).toEqual([["attempt-0", 7], ["attempt-1", 7]]);
    expect(warnings).toEqual(["the file holds 2 attempts of a retry agent: each imported as its own trajectory (SWE-agent chose attempt 1)"]);
  });

  it("tags how the run ended and replies that had no action", async () => {
    const doc = JSON.parse(sampleText());
    doc.info.exit_status = "submitted (exit_cost)";
    doc.trajectory.splice(1, 0, { action: "", observation: "", thought: "I forgot the command", response: "I forgot the command" });
    const t = (await parseText("c.traj", JSON.stringify(doc))).trajectories[0]!;
    expect(t.failureTags).toEqual(["cost-limit", "parse-errors"]);
    expect(t.steps[3]).toMatchObject({ source: "agent", thought: "I forgot the command" });
    expect(t.steps[3]!.action).toBeUndefined();
    expect(t.warnings).toContain('the run ended with exit status "submitted (exit_cost)"');
    expect(t.warnings).toContain("1 model replies had no runnable action (format errors or requeries)");
  });

  it("replaces NUL bytes in text and tool arguments (PostgreSQL text and jsonb cannot hold them)", async () => {
    const doc = JSON.parse(sampleText());
    doc.trajectory[0].observation = "a\u0000b";
    doc.history[2].tool_calls[0].function.arguments = JSON.stringify({ file_name: "x\u0000y" });
    const t = (await parseText("nul.traj", JSON.stringify(doc))).trajectories[0]!;
    expect(t.steps[2]!.observation).toBe("a\u2400b");
    expect(t.steps[2]!.toolArgs).toEqual({ file_name: "x\u2400y" });
  });

  it("names the file and the place for bad input", async () => {
    const text = sampleText();
    await expect(parseText("t.traj", text.slice(0, 5000))).rejects.toThrow(/^\/imports\/t\.traj \(line 60, column 4\): the JSON ends too early \(truncated file\?\)$/);
    await expect(parseText("w.traj", JSON.stringify({ trajectory: "oops", history: [] }))).rejects.toThrow(
      /^\/imports\/w\.traj \(at trajectory\): not a valid SWE-agent trajectory: .*expected array/,
    );
    await expect(parseText("h.traj", JSON.stringify({ history: [{ role: "user", content: "x" }, { content: "no role" }] }))).rejects.toThrow(/\(at history\[1\]\.role\)/);
    await expect(parseText("e.traj", "")).rejects.toThrow("/imports/e.traj: the file is empty");
    await expect(parseText("n.traj", JSON.stringify({ info: {} }))).rejects.toThrow("/imports/n.traj (at the top level): not a SWE-agent trajectory: expected a `trajectory` or `history` list");
  });
});

describe.skipIf(!hasSamples)(hasSamples ? "SWE-agent detection across all samples" : "SWE-agent detection — SKIPPED: ../shared/samples not found", () => {
  const files = hasSamples ? sampleRels().filter((f) => !f.endsWith(".md")) : [];
  it.each(files)("%s", (rel) => {
    expect(importer.detect(sampleHead(rel), rel)).toBe(OWN.has(rel));
  });
});

describe("SWE-agent detection on look-alikes", () => {
  it("does not claim OpenHands' {trajectory: [events]}, mini-swe-agent or ATIF", () => {
    expect(importer.detect('{"trajectory": [{"id": 0, "timestamp": "2025-01-01T00:00:00", "source": "agent", "action": "run", "args": {}}]}', "x.json")).toBe(false);
    expect(importer.detect('{"info": {}, "messages": [], "trajectory_format": "mini-swe-agent-1"}', "x.traj.json")).toBe(false);
    expect(importer.detect('{"schema_version": "ATIF-v1.5", "steps": []}', "x.json")).toBe(false);
    expect(importer.detect('{"messages": [{"role": "user", "content": "hi"}]}', "x.jsonl")).toBe(false);
  });
  it("claims a history-only file", () => {
    expect(importer.detect('{"environment": "swe_main", "history": [{"role": "system", "content": "x", "agent": "primary"}]}', "x.traj")).toBe(true);
  });
});
