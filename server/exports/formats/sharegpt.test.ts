import { describe, expect, it } from "vitest";
import { SKIP_NO_AGENT } from "./conversation";
import { datasetInfo, toShareGpt } from "./sharegpt";
import { exportStep, exportTrajectory, terminusSession } from "./testing-export";
import { checkShareGpt } from "./validate-chat";

const record = (result: ReturnType<typeof toShareGpt>) => {
  if (!result.ok) throw new Error(result.reason);
  return result.record;
};

describe("ShareGPT export (LLaMA-Factory)", () => {
  it("alternates human/observation with gpt/function_call, the thought kept as a <think> prefix", () => {
    const r = record(toShareGpt(terminusSession()));
    expect(r.conversations).toEqual([
      { from: "human", value: "Create hello.txt." },
      { from: "function_call", value: '<think>\nLook first.\n</think>\n\n{"name":"bash_command","arguments":{"keystrokes":"ls\\n","duration":0.1}}' },
      { from: "observation", value: "$ ls\n" },
      { from: "function_call", value: '{"name":"bash_command","arguments":{"keystrokes":"echo hi > hello.txt\\n","duration":0.1}}' },
      { from: "observation", value: "" },
      { from: "gpt", value: "Done." },
    ]);
    expect(r.system).toBe("You are a terminal agent.");
    expect(JSON.parse(r.tools)).toEqual([
      {
        name: "bash_command",
        description: "Send keystrokes to the terminal, verbatim (end a command with a newline), and wait `duration` seconds for its output.",
        parameters: {
          type: "object",
          properties: {
            keystrokes: { type: "string", description: "The exact keystrokes to send." },
            duration: { type: "number", description: "Seconds to wait before reading the output (default 1.0)." },
          },
          required: ["keystrokes"],
        },
      },
    ]);
    expect(checkShareGpt(r)).toEqual([]);
  });

  it("drops thoughts before calls when asked, for LLaMA-Factory releases that do not strip them", () => {
    const r = record(toShareGpt(terminusSession(), { thoughts: "drop" }));
    expect(r.conversations[1]).toEqual({ from: "function_call", value: '{"name":"bash_command","arguments":{"keystrokes":"ls\\n","duration":0.1}}' });
    expect(checkShareGpt(r)).toEqual([]);
  });

  it("ends on the assistant (a last result is dropped) and joins harness text into the observation before it", () => {
    const t = exportTrajectory([
      exportStep(0, { source: "user", observation: "Task." }),
      exportStep(1, { action: "ls", observation: "a b" }),
      exportStep(2, { source: "user", observation: "Keep going." }),
      exportStep(3, { action: "cat a", observation: "x" }),
    ]);
    const r = record(toShareGpt(t));
    expect(r.conversations).toEqual([
      { from: "human", value: "Task." },
      { from: "function_call", value: '{"name":"bash","arguments":{"command":"ls"}}' },
      { from: "observation", value: "a b\n\nKeep going." },
      { from: "function_call", value: '{"name":"bash","arguments":{"command":"cat a"}}' },
    ]);
    expect(r.system).toBe("");
    expect(checkShareGpt(r)).toEqual([]);
  });

  it("skips a trajectory whose only agent turn was a result", () => {
    const t = exportTrajectory([exportStep(0, { source: "user", observation: "Task." }), exportStep(1, { observation: "stray output" })]);
    expect(toShareGpt(t)).toEqual({ ok: false, reason: SKIP_NO_AGENT });
  });

  it("writes the dataset_info.json entry with LLaMA-Factory's key names", () => {
    expect(datasetInfo("teachers-v3", "teachers-v3.jsonl")).toEqual({
      "teachers-v3": {
        file_name: "teachers-v3.jsonl",
        formatting: "sharegpt",
        columns: { messages: "conversations", system: "system", tools: "tools" },
        tags: {
          role_tag: "from",
          content_tag: "value",
          user_tag: "human",
          assistant_tag: "gpt",
          observation_tag: "observation",
          function_tag: "function_call",
          system_tag: "system",
        },
      },
    });
  });

  it("gives byte-identical output for the same input", () => {
    expect(JSON.stringify(toShareGpt(terminusSession()))).toBe(JSON.stringify(toShareGpt(terminusSession())));
  });
});

describe("the ShareGPT checker rejects what LLaMA-Factory would", () => {
  const valid = () => structuredClone(record(toShareGpt(terminusSession())));
  const rejects = (name: string, mutate: (r: ReturnType<typeof valid>) => void, pattern: RegExp) =>
    it(`rejects ${name}`, () => {
      const r = valid();
      mutate(r);
      expect(checkShareGpt(r).some((p) => pattern.test(p))).toBe(true);
    });

  rejects("two assistant-side turns in a row", (r) => r.conversations.splice(1, 0, { from: "gpt", value: "x" }), /at position 3/);
  rejects("an odd number of turns", (r) => r.conversations.push({ from: "human", value: "x" }), /even number/);
  rejects("a start that is not human", (r) => (r.conversations[0]!.from = "observation"), /starts with observation/);
  rejects("a function_call that is not JSON", (r) => (r.conversations[3]!.value = "ls"), /not JSON/);
  rejects("a function_call without arguments", (r) => (r.conversations[3]!.value = '{"name":"bash_command"}'), /not \{"name", "arguments"/);
  rejects("a call missing from tools", (r) => (r.tools = "[]"), /bash_command is called but not defined/);
});
