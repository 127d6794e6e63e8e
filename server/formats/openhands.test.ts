import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AgentInput } from "../agents/upsert-agent";
import { StepInput } from "../trajectories/trajectory-input";
import { openHandsImporter as importer } from "./openhands";
import { SAMPLES, hasSamples, importedFile, noSiblings, sampleHead, sampleRels } from "../testing/format-inputs";

const SAMPLE = "openhands/openhands_trajectory.json";
const OWN = new Set([SAMPLE]);

const sampleText = () => fs.readFileSync(path.join(SAMPLES, SAMPLE), "utf8");
const parseText = (rel: string, text: string) => importer.parse(importedFile(rel, text), noSiblings);

describe.skipIf(!hasSamples)(hasSamples ? "OpenHands sample" : "OpenHands sample — SKIPPED: ../shared/samples not found next to the repo", () => {
  it("maps the event list: prompts, the run action with its paired observation, finish", async () => {
    const { trajectories, warnings } = await parseText("openhands_trajectory.json", sampleText());
    expect(warnings).toEqual([]);
    const t = trajectories[0]!;
    expect(t.steps.map((s) => [s.source, s.toolName ?? null, s.trainable ?? true])).toEqual([
      ["system", null, false],
      ["user", null, false],
      ["agent", "execute_bash", true],
      ["agent", "finish", true],
    ]);
    expect(t.steps[0]!.observation).toMatch(/^You are OpenHands agent/);
    const run = t.steps[2]!;
    expect(run.action).toBe(`printf 'Hello, world!\\n' > hello.txt && echo "Created $(pwd)/hello.txt" && echo "Size: $(wc -c < hello.txt) bytes" && printf 'Content: ' && cat hello.txt`);
    expect(run.observation).toBe("Created /app/hello.txt\nSize: 14 bytes\nContent: Hello, world!");
    expect(run.exitCode).toBe(0);
    expect(run.startedAt).toEqual(new Date("2025-10-10T06:10:38.391Z"));
    expect(t.steps[3]).toMatchObject({ action: "finish", thought: 'Created /app/hello.txt with the requested content: "Hello, world!". Let me know if you want it moved or modified.' });

    expect(t.agent).toEqual({ name: "openhands", model: "gpt-5-2025-08-07", version: "0.58.0", harness: "openhands", provider: null });
    expect(t.task).toEqual({ name: "openhands_trajectory", instruction: 'Create a file called hello.txt with "Hello, world!" as the content.' });
    // The running totals of the last event that carries llm_metrics.
    expect([t.promptTokens, t.completionTokens, t.cachedTokens]).toEqual([11859, 1086, 5632]);
    expect(t.costUsd).toBeCloseTo(0.01934775, 10);
    expect(t.startedAt).toEqual(new Date("2025-10-10T06:10:15.158Z"));
    expect(t.endedAt).toEqual(new Date("2025-10-10T06:10:41.015Z"));
    expect(t.durationMs).toBe(25857);
    expect(t.failureTags).toEqual([]);
    expect(t.warnings).toEqual(["1 bookkeeping events (recall, agent state, condensation) left out", "timestamps carry no time zone: read as UTC"]);
    // What the importer hands on must pass the shapes the database layer checks.
    expect(() => z.array(StepInput).parse(t.steps)).not.toThrow();
    expect(() => AgentInput.parse(t.agent)).not.toThrow();
  });

  it("reads the {trajectory: [...]} download of the same events", async () => {
    const wrapped = JSON.stringify({ trajectory: JSON.parse(sampleText()) });
    expect(importer.detect(wrapped, "conversation.json")).toBe(true);
    const t = (await parseText("conversation.json", wrapped)).trajectories[0]!;
    expect(t.steps).toHaveLength(4);
    expect(t.steps[2]!.exitCode).toBe(0);
  });

  it("names the file and the place for bad input", async () => {
    await expect(parseText("t.json", sampleText().slice(0, 3000))).rejects.toThrow(/^\/imports\/t\.json \(line 6, column 2898\): the JSON ends too early \(truncated file\?\)$/);
  });
});

describe("OpenHands file tools and pairing", () => {
  const at = (s: number) => `2025-01-01T00:00:${String(s).padStart(2, "0")}+00:00`;
  const events = [
    { id: 1, timestamp: at(0), source: "user", message: "Fix the bug", action: "message", args: { content: "Fix the bug" } },
    { id: 2, timestamp: at(1), source: "agent", message: "Reading file", action: "read", args: { path: "/app/x.py", thought: "Look first.", view_range: [1, 20] }, tool_call_metadata: { function_name: "str_replace_editor", tool_call_id: "c1", model_response: { id: "r1", model: "anthropic/claude-sonnet-4" } } },
    { id: 3, timestamp: at(2), source: "agent", message: "Editing", action: "edit", args: { path: "/app/x.py", command: "str_replace", old_str: "a", new_str: "b", thought: "" }, tool_call_metadata: { function_name: "str_replace_editor", tool_call_id: "c2" } },
    { id: 4, timestamp: at(3), source: "environment", cause: 2, observation: "read", content: "1\tprint(a)", extras: { path: "/app/x.py" } },
    { id: 5, timestamp: at(4), source: "environment", cause: 3, observation: "edit", content: "The file /app/x.py has been edited.", extras: { path: "/app/x.py" } },
    { id: 6, timestamp: at(5), source: "agent", message: "Thinking", action: "think", args: { thought: "Now run the tests." } },
    { id: 7, timestamp: at(6), source: "agent", message: "Running", action: "run", args: { command: "pytest -q", thought: "" } },
    { id: 8, timestamp: at(7), source: "environment", observation: "run", content: "1 failed", extras: { command: "pytest -q", exit_code: 1 } },
    { id: 9, timestamp: at(8), source: "environment", observation: "agent_state_changed", content: "", extras: { agent_state: "error" } },
  ];

  it("renders file tools on one line, pairs by cause, and reads the deprecated exit_code", async () => {
    const t = (await parseText("run-7.json", JSON.stringify(events))).trajectories[0]!;
    expect(t.steps.map((s) => s.action ?? null)).toEqual([null, "str_replace_editor view /app/x.py 1 20", "str_replace_editor str_replace /app/x.py", null, "pytest -q"]);
    expect(t.steps[1]).toMatchObject({ toolName: "str_replace_editor", thought: "Look first.", observation: "1\tprint(a)" });
    expect(t.steps[2]).toMatchObject({ observation: "The file /app/x.py has been edited." });
    expect(t.steps[3]).toMatchObject({ source: "agent", thought: "Now run the tests." }); // think: a thought, no action
    expect(t.steps[4]).toMatchObject({ toolName: "execute_bash", observation: "1 failed", exitCode: 1 });
    expect(t.agent).toMatchObject({ model: "anthropic/claude-sonnet-4", provider: "anthropic", version: null });
    expect(t.failureTags).toEqual(["agent-error"]);
    expect(t.warnings).toEqual([
      "1 observations name no action (no `cause`): attached to the action before them",
      "no finish action: the run may have been cut short",
      'the agent ended in state "error"',
    ]);
  });

  it("names the file and the place for bad input", async () => {
    const wrongType = [{ ...events[1], args: "cat /app/x.py" }];
    await expect(parseText("w.json", JSON.stringify(wrongType))).rejects.toThrow(/^\/imports\/w\.json \(at \[0\]\.args\): not a valid OpenHands event list: .*expected record/);
    await expect(parseText("k.json", JSON.stringify([events[0], { id: 2, timestamp: at(1), source: "agent" }]))).rejects.toThrow(
      "/imports/k.json (at [1]): not an OpenHands event: expected an `action` or an `observation` field",
    );
    await expect(parseText("d.json", JSON.stringify({ trajectory: [{ ...events[0], id: true }] }))).rejects.toThrow(/^\/imports\/d\.json \(at trajectory\[0\]\.id\)/);
    await expect(parseText("z.json", "[]")).rejects.toThrow("/imports/z.json (at the top level): the event list is empty");
    await expect(parseText("e.json", "")).rejects.toThrow("/imports/e.json: the file is empty");
  });
});

describe.skipIf(!hasSamples)(hasSamples ? "OpenHands detection across all samples" : "OpenHands detection — SKIPPED: ../shared/samples not found", () => {
  const files = hasSamples ? sampleRels().filter((f) => !f.endsWith(".md")) : [];
  it.each(files)("%s", (rel) => {
    expect(importer.detect(sampleHead(rel), rel)).toBe(OWN.has(rel));
  });
});
