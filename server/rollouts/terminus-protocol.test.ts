import { describe, expect, it } from "vitest";
import { parseReply } from "./terminus-protocol";

const reply = { analysis: "a", plan: "p", commands: [{ keystrokes: "ls\n", duration: 0.5 }], task_complete: false };

describe("parseReply", () => {
  it("reads a bare object, a fenced one, and one with text around it", () => {
    const json = JSON.stringify(reply);
    for (const content of [json, "```json\n" + json + "\n```", `Here you go: ${json} — good luck`]) expect(parseReply(content)).toEqual({ ok: true, reply });
  });

  it("defaults a missing duration and task_complete", () => {
    expect(parseReply('{"analysis": "", "plan": "", "commands": [{"keystrokes": "q"}]}')).toEqual({ ok: true, reply: { analysis: "", plan: "", commands: [{ keystrokes: "q", duration: 1 }], task_complete: false } });
  });

  it("says what is wrong: no JSON, or which fields are missing or mistyped", () => {
    expect(parseReply("I will run ls")).toMatchObject({ ok: false, error: expect.stringContaining("not valid JSON") });
    const wrong = parseReply('{"analysis": "a", "commands": [{"keystrokes": 3}]}');
    expect(wrong.ok).toBe(false);
    expect(!wrong.ok && wrong.error).toMatch(/plan: .*commands\.0\.keystrokes/);
  });
});
