import { describe, expect, it } from "vitest";
import { SAMPLES_MISSING, hasSamples, sampleTree, virtualFile } from "../testing/sample-files";
import { atifCompanions, atifImporter, companionPaths } from "./atif";
import { recoverRawCommands } from "./atif-raw-content";
import { lookupOf } from "../imports/plan";

describe.skipIf(!hasSamples)(`ATIF samples (${SAMPLES_MISSING})`, () => {
  it("joins the context-summarization subagents into one trajectory and keeps every command", async () => {
    const tree = await sampleTree("atif");
    const main = tree.file("hello-world-context-summarization.trajectory.json");
    const { trajectories } = await atifImporter.parse(main, tree.lookup);
    expect(trajectories).toHaveLength(1);
    const [t] = trajectories;
    expect(t!.agent).toEqual({ name: "terminus-2", version: "2.0.0", model: "openai/gpt-4o", harness: "harbor" });
    expect(t!.task).toEqual({ name: "hello-world-context-summarization", instruction: 'Create a file called hello.txt with "Hello, world!" as the content.' });
    expect([t!.promptTokens, t!.completionTokens, t!.costUsd]).toEqual([7802, 1030, 0.029804999999999998]);
    const actions = t!.steps.filter((s) => s.action).map((s) => s.action);
    expect(actions).toEqual([
      "mkdir test_dir",
      "echo 'test1' > test_dir/file1.txt",
      "echo 'test2' > test_dir/file2.txt",
      "printf 'Hello, world!\\n' > hello.txt",
      "cat hello.txt",
      "mark_task_complete",
      "mark_task_complete",
    ]);
    // 7 actions + the summary, the questions and the answers the subagents wrote (their copied context left out).
    expect(t!.steps.filter((s) => s.source === "agent")).toHaveLength(10);
    expect(t!.steps.find((s) => s.action === "cat hello.txt")!.observation).toContain("Hello, world!");
    expect(t!.warnings).toEqual(["8 copied-context steps of subagents left out (they repeat the parent's steps)"]);
  });

  it("keeps a reply the harness could not parse as a step without actions, and tags the trajectory", async () => {
    const tree = await sampleTree("atif");
    const { trajectories } = await atifImporter.parse(tree.file("hello-world-invalid-json.trajectory.json"), tree.lookup);
    const [t] = trajectories;
    const agentSteps = t!.steps.filter((s) => s.source === "agent");
    expect(agentSteps.map((s) => s.action ?? null)).toEqual([null, "printf 'Hello, world!\\n' > hello.txt", "mark_task_complete", "mark_task_complete"]);
    expect(agentSteps[0]!.observation).toMatch(/^Previous response had parsing errors/);
    expect(t!.failureTags).toEqual(["parse-errors"]);
    expect(t!.promptTokens).toBe(2417);
  });

  it("recognizes ATIF by content and its companion files by name", async () => {
    const tree = await sampleTree("atif");
    for (const file of tree.files) expect(atifImporter.detect((await file.read()).toString("utf8", 0, 65536), file.rel)).toBe(true);
    const rels = tree.files.map((f) => f.rel);
    expect([...atifCompanions(rels)].map((r) => r.split(".").at(-2)).sort()).toEqual([
      "summarization-1-answers",
      "summarization-1-questions",
      "summarization-1-summary",
    ]);
  });
});

const doc = (steps: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ schema_version: "ATIF-v1.9", session_id: "s", agent: { name: "terminus-2", model_name: "deepseek/deepseek-v3.2" }, steps, ...extra });

describe("ATIF edge cases", () => {
  it("recovers commands from raw-content replies (JSON and XML) and says so", async () => {
    const file = virtualFile(
      "raw.json",
      doc([
        { step_id: 1, source: "user", message: "Task Description:\nFix it.\n\nCurrent terminal state:\n$" },
        { step_id: 2, source: "agent", message: '{"analysis":"a","plan":"p","commands":[{"keystrokes":"ls -la\\n","duration":0.1},{"keystrokes":"cat x\\n"}]}', observation: { results: [{ content: "total 0" }] } },
        { step_id: 3, source: "agent", message: "<response><commands><keystrokes duration=\"1\">make &amp;&amp; make test\n</keystrokes></commands></response>" },
      ]),
    );
    const { trajectories } = await atifImporter.parse(file, lookupOf([file]));
    const [t] = trajectories;
    expect(t!.steps.filter((s) => s.action).map((s) => [s.action, s.observation ?? null])).toEqual([
      ["ls -la", null],
      ["cat x", "total 0"],
      ["make && make test", null],
    ]);
    expect(t!.warnings).toContain("raw-content mode: 3 commands recovered from message text");
    expect(t!.task).toEqual({ name: "raw", instruction: "Fix it." });
  });

  it("marks copied context and replayed (llm_call_count 0) steps not trainable, and ignores unknown fields", async () => {
    const call = (id: string, k: string) => ({ tool_call_id: id, function_name: "bash_command", arguments: { keystrokes: k } });
    const file = virtualFile(
      "t.json",
      doc([
        { step_id: 1, source: "agent", is_copied_context: true, tool_calls: [call("a", "ls\n")], future_field: { x: 1 } },
        { step_id: 2, source: "agent", llm_call_count: 0, tool_calls: [call("b", "pwd\n")] },
        { step_id: 3, source: "agent", tool_calls: [call("c", "cat f\n"), call("d", "wc -l f\n")], observation: { results: [{ source_call_id: "c", content: "hi" }, { source_call_id: "d", content: "1 f" }] } },
      ]),
    );
    const { trajectories } = await atifImporter.parse(file, lookupOf([file]));
    expect(trajectories[0]!.steps.map((s) => [s.action, s.trainable, s.observation ?? null])).toEqual([
      ["ls", false, null],
      ["pwd", false, null],
      ["cat f", true, "hi"],
      ["wc -l f", true, "1 f"],
    ]);
  });

  it("names the file and the place when the content is not ATIF it can read", async () => {
    const cases: [string, string, RegExp][] = [
      ["truncated.json", doc([]).slice(0, 40), /truncated\.json.*ends too early/],
      ["wrong-type.json", doc([{ step_id: 1, source: "agent", tool_calls: "ls" }]), /wrong-type\.json \(at steps\[0\]\.tool_calls\): not a valid ATIF trajectory/],
      ["bad-source.json", doc([{ step_id: 1, source: "robot" }]), /at steps\[0\]\.source/],
      ["v2.json", JSON.stringify({ schema_version: "ATIF-v2.0", steps: [] }), /expected "ATIF-v1\.x"/],
    ];
    for (const [name, text, message] of cases) {
      const file = virtualFile(name, text);
      await expect(atifImporter.parse(file, lookupOf([file]))).rejects.toThrow(message);
    }
  });

  it("finds renamed companion files", () => {
    expect(companionPaths("runs/a/run-7.trajectory.json", "trajectory.cont-1.json")).toEqual([
      "runs/a/trajectory.cont-1.json",
      "runs/a/run-7.trajectory.cont-1.json",
    ]);
    expect(recoverRawCommands("no commands here")).toEqual([]);
  });
});
