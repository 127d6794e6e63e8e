import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AgentInput } from "../agents/upsert-agent";
import { StepInput } from "../trajectories/trajectory-input";
import { miniSweAgentImporter as importer } from "./mini-swe-agent";
import { SAMPLES, hasSamples, importedFile, noSiblings, sampleHead, sampleRels } from "../testing/format-inputs";

const V1 = "mini-swe-agent/mini-swe-agent-trajectory.json";
const BARE = "mini-swe-agent/github_issue.traj.json";
const OWN = new Set([V1, BARE]);

const read = (rel: string) => fs.readFileSync(path.join(SAMPLES, rel), "utf8");
const parseText = (rel: string, text: string) => importer.parse(importedFile(rel, text), noSiblings);
const parseSample = async (rel: string) => (await parseText(path.basename(rel), read(rel))).trajectories[0]!;

describe.skipIf(!hasSamples)(hasSamples ? "mini-swe-agent samples" : "mini-swe-agent samples — SKIPPED: ../shared/samples not found next to the repo", () => {
  it("maps a mini-swe-agent-1 file: one step per ```bash block, results from <returncode>/<output>", async () => {
    const t = await parseSample(V1);
    expect(t.steps.map((s) => s.source)).toEqual(["system", "user", "agent", "agent", "agent"]);
    expect(t.steps.slice(0, 2).every((s) => s.trainable === false)).toBe(true);
    const [create, check, submit] = t.steps.slice(2);
    expect(create).toMatchObject({ toolName: "bash", action: 'echo "Hello, world!" > hello.txt', observation: "", exitCode: 0 });
    expect(create!.thought).toMatch(/^To create a file called hello\.txt/); // the "THOUGHT:" label is dropped
    expect(check).toMatchObject({ action: "cat hello.txt", observation: "Hello, world!", exitCode: 0 });
    expect(submit).toMatchObject({ toolName: "submit", action: "echo COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT", observation: "" });
    expect(submit!.exitCode).toBeUndefined();
    expect(create!.startedAt).toEqual(new Date(1760078127 * 1000));

    expect(t.agent).toEqual({ name: "mini-swe-agent", model: "anthropic/claude-3-5-sonnet-20241022", version: "1.13.4", harness: "mini-swe-agent", provider: "anthropic" });
    expect(t.task).toEqual({ name: "mini-swe-agent-trajectory", instruction: 'Create a file called hello.txt with "Hello, world!" as the content.' });
    // Summed from each call's usage: 752 + 841 + 919 prompt, 69 + 53 + 77 completion.
    expect([t.promptTokens, t.completionTokens, t.cachedTokens]).toEqual([2512, 199, 0]);
    expect(t.costUsd).toBeCloseTo(0.010521, 9);
    expect(t.startedAt).toEqual(new Date("2025-10-10T06:35:27Z"));
    expect(t.endedAt).toEqual(new Date("2025-10-10T06:35:30Z"));
    expect(t.failureTags).toEqual([]);
    expect(t.warnings).toEqual(["no instance id in the file: the task is named after the file"]);
    // What the importer hands on must pass the shapes the database layer checks.
    expect(() => z.array(StepInput).parse(t.steps)).not.toThrow();
    expect(() => AgentInput.parse(t.agent)).not.toThrow();
  });

  it("maps a bare message list with ```mswea_bash_command blocks", async () => {
    const t = await parseSample(BARE);
    expect(t.steps).toHaveLength(12); // system, task, then 10 replies with one command each
    const actions = t.steps.slice(2);
    expect(actions.every((s) => s.source === "agent" && s.action)).toBe(true);
    expect(actions[0]).toMatchObject({ action: "cat /Users/fuchur/Documents/24/git_sync/swe-agent-test-repo/tests/./missing_colon.py", exitCode: 1 });
    expect(actions[0]!.observation).toMatch(/No such file or directory$/);
    expect(actions[6]).toMatchObject({ action: "python3 tests/missing_colon.py", observation: "8.2", exitCode: 0 });
    expect(actions[7]!.exitCode).toBe(1);
    expect(actions[7]!.observation).toMatch(/ZeroDivisionError: division by zero$/);
    expect(actions[8]!.action).toMatch(/^cat > tests\/missing_colon\.py << 'EOF'\n[\s\S]*\nEOF$/);
    const submit = actions[9]!;
    expect(submit).toMatchObject({ toolName: "submit", action: "echo COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT && git add -A && git diff --cached" });
    expect(submit.observation).toMatch(/^diff --git a\/tests\/missing_colon\.py/);
    expect(submit.exitCode).toBeUndefined();

    expect(t.agent).toEqual({ name: "mini-swe-agent", model: null, version: null, harness: "mini-swe-agent", provider: null });
    expect(t.task?.name).toBe("github_issue");
    expect(t.task?.instruction).toMatch(/^GitHub Issue: SyntaxError: invalid syntax\n/);
    expect(t.task?.instruction).not.toContain("You can execute bash commands");
    expect([t.promptTokens, t.completionTokens, t.costUsd]).toEqual([null, null, null]);
    expect(t.failureTags).toEqual([]);
    expect(t.warnings).toEqual([
      "no token usage recorded: token counts unknown",
      "a bare message list: no run info (model, exit status, cost)",
      "no timestamps in the messages: step times unknown",
      "no instance id in the file: the task is named after the file",
    ]);
  });

  it("names the file and the place for bad input", async () => {
    await expect(parseText("t.json", read(BARE).slice(0, 2000))).rejects.toThrow(/^\/imports\/t\.json \(line 8, column 1252\): the JSON ends too early \(truncated file\?\)$/);
  });
});

describe("mini-swe-agent-1.1 (v2) files", () => {
  const v2 = {
    trajectory_format: "mini-swe-agent-1.1",
    instance_id: "django__django-11099",
    info: {
      exit_status: "Submitted",
      mini_version: "2.0.0",
      model_stats: { instance_cost: 0.02, api_calls: 2 },
      config: { model: { model_name: "openai/gpt-5-mini" }, agent: { instance_template: "Task: {{task}}\n\nSystem: {{system}}" } },
    },
    messages: [
      { role: "system", content: "You are a helpful assistant." },
      { role: "user", content: "Task: Fix the validator.\n\nSystem: Linux" },
      {
        role: "assistant",
        content: "Let me look at the validators.",
        tool_calls: [{ id: "call_1", type: "function", function: { name: "bash", arguments: '{"command": "grep -n regex django/core/validators.py"}' } }],
        extra: { actions: [{ command: "grep -n regex django/core/validators.py", tool_call_id: "call_1" }], timestamp: 1767225600.5, response: { usage: { prompt_tokens: 100, completion_tokens: 10 } } },
      },
      { role: "tool", tool_call_id: "call_1", content: "<returncode>0</returncode>\n<output>\n12: regex = r'^[\\w.@+-]+$'\n</output>", extra: { raw_output: "12: regex = r'^[\\w.@+-]+$'\n", returncode: 0, timestamp: 1767225601 } },
      {
        role: "assistant",
        content: "Done.",
        tool_calls: [{ id: "call_2", type: "function", function: { name: "bash", arguments: '{"command": "echo COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT"}' } }],
        extra: { actions: [{ command: "echo COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT", tool_call_id: "call_2" }], timestamp: 1767225605, response: { usage: { prompt_tokens: 200, completion_tokens: 5 } } },
      },
      { role: "exit", content: "", extra: { exit_status: "Submitted", submission: "" } },
    ],
  };

  it("reads actions from extra.actions, results from extra, the task from the instance id and template", async () => {
    const { trajectories } = await parseText("django__django-11099.traj.json", JSON.stringify(v2));
    const t = trajectories[0]!;
    expect(t.steps.map((s) => s.toolName ?? s.source)).toEqual(["system", "user", "bash", "submit"]);
    expect(t.steps[2]).toMatchObject({ thought: "Let me look at the validators.", action: "grep -n regex django/core/validators.py", exitCode: 0, observation: "12: regex = r'^[\\w.@+-]+$'\n" });
    expect(t.steps[2]!.startedAt).toEqual(new Date(1767225600500));
    expect(t.steps[3]!.observation).toBe("");
    expect(t.task).toEqual({ name: "django__django-11099", instruction: "Fix the validator." });
    expect(t.agent?.model).toBe("openai/gpt-5-mini");
    expect([t.promptTokens, t.completionTokens]).toEqual([300, 15]);
    expect(t.warnings).toEqual([]);
  });

  it("keeps a reply with no single command as a thought-only step and tags the format error", async () => {
    const doc = structuredClone(v2);
    doc.messages.splice(2, 0, { role: "assistant", content: "```bash\nls\n```\nand\n```bash\npwd\n```" } as never, { role: "user", content: "Please always provide EXACTLY ONE action in triple backticks, found 2 actions." } as never);
    const t = (await parseText("x.traj.json", JSON.stringify(doc))).trajectories[0]!;
    expect(t.steps[2]!.action).toBeUndefined();
    expect(t.steps[2]!.observation).toMatch(/^Please always provide EXACTLY ONE action/);
    expect(t.failureTags).toEqual(["parse-errors"]);
    expect(t.warnings).toContain("1 replies had no single runnable command (format errors: nothing ran)");
  });

  it("names the file and the place for bad input", async () => {
    await expect(parseText("w.json", JSON.stringify({ ...v2, messages: "oops" }))).rejects.toThrow(/^\/imports\/w\.json \(at messages\): not a valid mini-swe-agent trajectory: .*expected array/);
    await expect(parseText("r.json", JSON.stringify([{ role: "system", content: "x" }, { role: 7, content: "y" }]))).rejects.toThrow(/^\/imports\/r\.json \(at \[1\]\.role\): not a valid mini-swe-agent message list/);
    await expect(parseText("l.json", "[]")).rejects.toThrow("/imports/l.json (at messages): the message list is empty");
    await expect(parseText("e.json", "")).rejects.toThrow("/imports/e.json: the file is empty");
  });
});

describe.skipIf(!hasSamples)(hasSamples ? "mini-swe-agent detection across all samples" : "mini-swe-agent detection — SKIPPED: ../shared/samples not found", () => {
  const files = hasSamples ? sampleRels().filter((f) => !f.endsWith(".md")) : [];
  it.each(files)("%s", (rel) => {
    expect(importer.detect(sampleHead(rel), rel)).toBe(OWN.has(rel));
  });
});

describe("mini-swe-agent detection on look-alikes", () => {
  it("does not claim plain chat lists, OpenAI JSONL or ShareGPT", () => {
    expect(importer.detect('[{"role": "user", "content": "hi"}, {"role": "assistant", "content": "```bash\\nls\\n```"}]', "chat.json")).toBe(false);
    expect(importer.detect('{"messages": [{"role": "user", "content": "<returncode>0</returncode>"}]}\n', "data.jsonl")).toBe(false);
    expect(importer.detect('[{"conversations": [{"from": "human", "value": "<returncode>0</returncode> ```bash"}]}]', "sharegpt.json")).toBe(false);
  });
});
