import { describe, expect, it } from "vitest";
import { SKIP_NO_AGENT, SKIP_NO_PROMPT } from "./conversation";
import { toOpenAi } from "./openai";
import { exportStep, exportTrajectory, terminusSession as terminus } from "./testing-export";
import { checkOpenAi } from "./validate-chat";

const bashCommandTool = {
  type: "function",
  function: {
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
};

const record = (result: ReturnType<typeof toOpenAi>) => {
  if (!result.ok) throw new Error(result.reason);
  return result.record;
};

describe("OpenAI messages export", () => {
  it("maps system, task, calls with their results and a closing message, tools listing what was called", () => {
    expect(record(toOpenAi(terminus()))).toEqual({
      messages: [
        { role: "system", content: "You are a terminal agent." },
        { role: "user", content: "Create hello.txt." },
        {
          role: "assistant",
          content: "Look first.",
          tool_calls: [{ id: "call_2", type: "function", function: { name: "bash_command", arguments: '{"keystrokes":"ls\\n","duration":0.1}' } }],
        },
        { role: "tool", tool_call_id: "call_2", content: "$ ls\n" },
        {
          role: "assistant",
          content: "",
          tool_calls: [{ id: "call_3", type: "function", function: { name: "bash_command", arguments: '{"keystrokes":"echo hi > hello.txt\\n","duration":0.1}' } }],
        },
        { role: "tool", tool_call_id: "call_3", content: "" },
        { role: "assistant", content: "Done." },
      ],
      tools: [bashCommandTool],
    });
    expect(checkOpenAi(record(toOpenAi(terminus())))).toEqual([]);
  });

  it("weights: 0 on assistant messages of steps that are not trainable, 1 on the others", () => {
    const messages = record(toOpenAi(terminus(), { weights: true })).messages;
    expect(messages.filter((m) => m.role === "assistant").map((m) => "weight" in m && m.weight)).toEqual([1, 0, 1]);
    expect(messages.filter((m) => m.role !== "assistant").some((m) => "weight" in m)).toBe(false);
  });

  it("arguments as objects for templates that serialize them", () => {
    const result = record(toOpenAi(terminus(), { arguments: "object" }));
    const call = result.messages.find((m) => m.role === "assistant" && m.tool_calls)!;
    expect(call.role === "assistant" && call.tool_calls![0]!.function.arguments).toEqual({ keystrokes: "ls\n", duration: 0.1 });
    expect(checkOpenAi(result, { objectArguments: true })).toEqual([]);
  });

  it("uses the task instruction as the prompt without a user step, and skips what has no prompt or no agent turn", () => {
    const steps = terminus().steps.filter((s) => s.source === "agent");
    expect(record(toOpenAi(exportTrajectory(steps))).messages[0]).toEqual({ role: "user", content: "Create hello.txt." });
    expect(toOpenAi(exportTrajectory(steps, { task: null }))).toEqual({ ok: false, reason: SKIP_NO_PROMPT });
    expect(toOpenAi(exportTrajectory([exportStep(0, { source: "user", observation: "hi" })]))).toEqual({ ok: false, reason: SKIP_NO_AGENT });
  });

  it("turns later system text and uncalled observations into user turns, joining neighbours of one role", () => {
    const t = exportTrajectory([
      exportStep(0, { source: "user", observation: "Task." }),
      exportStep(1, { source: "system", observation: "Note from the harness." }),
      exportStep(2, { thought: '{"analysis": "oops"', observation: "Previous response had parsing errors" }),
      exportStep(3, { thought: "Let me run it.", trainable: false }),
      exportStep(4, { action: "make test", observation: "ok", exitCode: 0 }),
    ]);
    const result = record(toOpenAi(t, { weights: true }));
    expect(result.messages).toEqual([
      { role: "user", content: "Task.\n\nNote from the harness." },
      { role: "assistant", content: '{"analysis": "oops"', weight: 1 },
      { role: "user", content: "Previous response had parsing errors" },
      // A text-only turn joins the call after it; trainable only if both steps are.
      { role: "assistant", content: "Let me run it.", tool_calls: [{ id: "call_4", type: "function", function: { name: "bash", arguments: '{"command":"make test"}' } }], weight: 0 },
      { role: "tool", tool_call_id: "call_4", content: "ok" },
    ]);
    expect(result.tools.map((t) => t.function.name)).toEqual(["bash"]);
    expect(checkOpenAi(result)).toEqual([]);
  });

  it("gives byte-identical output for the same input", () => {
    expect(JSON.stringify(toOpenAi(terminus(), { weights: true }))).toBe(JSON.stringify(toOpenAi(terminus(), { weights: true })));
  });
});

describe("the OpenAI checker rejects what TRL or OpenAI would", () => {
  const valid = () => structuredClone(record(toOpenAi(terminus())));
  const rejects = (name: string, mutate: (r: ReturnType<typeof valid>) => void, pattern: RegExp) =>
    it(`rejects ${name}`, () => {
      const r = valid();
      mutate(r);
      expect(checkOpenAi(r).some((p) => pattern.test(p))).toBe(true);
    });

  rejects("a system message later on", (r) => r.messages.splice(3, 0, { role: "system", content: "x" }), /system message after the first position/);
  rejects("a conversation not opened by the user", (r) => r.messages.splice(1, 1), /first message after the system prompt/);
  rejects("a result that answers no call", (r) => r.messages.push({ role: "tool", tool_call_id: "call_9", content: "" }), /no open call/);
  rejects("a call left unanswered before the next turn", (r) => r.messages.splice(3, 1), /before the results of call_2/);
  rejects("arguments that are not JSON", (r) => {
    const m = r.messages[2]!;
    if (m.role === "assistant") m.tool_calls![0]!.function.arguments = "ls";
  }, /not JSON text of an object/);
  rejects("a called tool missing from tools", (r) => (r.tools = []), /bash_command is called but not defined/);
  rejects("a reused call id", (r) => {
    const m = r.messages[4]!;
    if (m.role === "assistant") m.tool_calls![0]!.id = "call_2";
  }, /used twice/);
});
