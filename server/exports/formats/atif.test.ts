import { describe, expect, it } from "vitest";
import type { ExportTrajectory } from "../export-trajectory";
import { toAtif } from "./atif";
import { exportStep, exportTrajectory, reimportAtif as reimport, terminusSession } from "./testing-export";
import { checkAtif } from "./validate-atif";

const record = (t: ExportTrajectory) => {
  const result = toAtif(t);
  if (!result.ok) throw new Error(result.reason);
  return result.record;
};

describe("ATIF export", () => {
  it("writes one step per step, calls with their results, and what ATIF has no field for in extra", () => {
    const doc = record(terminusSession());
    expect(doc).toEqual({
      schema_version: "ATIF-v1.7",
      session_id: "session-1",
      agent: { name: "terminus-2", version: "2.0.0", model_name: "test-model", extra: { harness: "harbor" } },
      steps: [
        { step_id: 1, source: "system", message: "You are a terminal agent." },
        { step_id: 2, source: "user", message: "Create hello.txt." },
        {
          step_id: 3,
          source: "agent",
          message: "Look first.",
          tool_calls: [{ tool_call_id: "call_2", function_name: "bash_command", arguments: { keystrokes: "ls\n", duration: 0.1 } }],
          observation: { results: [{ source_call_id: "call_2", content: "$ ls\n" }] },
          extra: { exit_code: 0, tag: "inspect", commands: [{ text: "ls", tag: "inspect" }] },
        },
        {
          step_id: 4,
          source: "agent",
          message: "",
          tool_calls: [{ tool_call_id: "call_3", function_name: "bash_command", arguments: { keystrokes: "echo hi > hello.txt\n", duration: 0.1 } }],
          observation: { results: [{ source_call_id: "call_3", content: "" }] },
          is_copied_context: true,
        },
        { step_id: 5, source: "agent", message: "Done." },
      ],
      extra: {
        source_hash: "0".repeat(64),
        source_format: "test",
        task: { name: "hello-world", instruction: "Create hello.txt." },
        resolved: true,
        reward: 1,
        metrics: { tor: null, var: null, closedLoop: null, egs: null, egsVersion: null },
      },
    });
    expect(checkAtif(doc)).toEqual([]);
  });

  it("reads back through our importer as the same steps", async () => {
    const steps = await reimport(record(terminusSession()));
    expect(steps.map((s) => [s.source, s.thought ?? null, s.toolName ?? null, s.action ?? null, s.keystrokes ?? null, s.observation ?? null, s.trainable])).toEqual([
      ["system", null, null, null, null, "You are a terminal agent.", false],
      ["user", null, null, null, null, "Create hello.txt.", false],
      ["agent", "Look first.", "bash_command", "ls", "ls\n", "$ ls\n", true],
      ["agent", null, "bash_command", "echo hi > hello.txt", "echo hi > hello.txt\n", "", false],
      ["agent", "Done.", null, null, null, null, true],
    ]);
  });

  it("keeps a thought holding Terminus keystrokes from being read back as commands", async () => {
    const thought = '{"analysis": "I would run", "commands": [{"keystrokes": "rm -rf /tmp/x\\n"}]}';
    const doc = record(exportTrajectory([exportStep(0, { source: "user", observation: "Task." }), exportStep(1, { thought })]));
    expect((doc.steps as unknown[])[1]).toEqual({ step_id: 2, source: "agent", message: "", reasoning_content: thought });
    const steps = await reimport(doc);
    expect(steps.map((s) => [s.thought, s.action ?? null])).toEqual([
      [undefined, null],
      [thought, null],
    ]);
  });

  it("stands in for a missing agent, falls back to the source hash for the session, and skips a trajectory without steps", () => {
    const doc = record(exportTrajectory(terminusSession().steps, { agent: null, sessionId: null }));
    expect([doc.agent, doc.session_id]).toEqual([{ name: "unknown", version: "unknown" }, "0".repeat(64)]);
    expect(checkAtif(doc)).toEqual([]);
    expect(toAtif(exportTrajectory([]))).toEqual({ ok: false, reason: "no steps" });
  });

  it("the checker rejects what Harbor's validator would", () => {
    const doc = structuredClone(record(terminusSession())) as { steps: Record<string, unknown>[] } & Record<string, unknown>;
    doc.steps[1]!.tool_calls = [];
    doc.steps[2]!.step_id = 7;
    (doc.steps[3]!.observation as { results: { source_call_id: string }[] }).results[0]!.source_call_id = "call_9";
    doc.surprise = 1;
    expect(checkAtif(doc)).toEqual([
      "trajectory.surprise: extra field",
      "steps[1].tool_calls: agent-only",
      "steps[2].step_id: expected 3",
      "steps[3]: call_9 is not in this step's tool_calls",
    ]);
  });

  it("gives byte-identical output for the same input", () => {
    expect(JSON.stringify(toAtif(terminusSession()))).toBe(JSON.stringify(toAtif(terminusSession())));
  });
});
