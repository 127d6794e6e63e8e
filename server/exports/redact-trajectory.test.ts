import { describe, expect, it } from "vitest";
import type { ExportTrajectory } from "./export-trajectory";
import { createRedactor } from "./redact";
import { redactTrajectory } from "./redact-trajectory";

const trajectory = (toolArgs: unknown, action: string): ExportTrajectory => ({
  sourceHash: "h",
  sessionId: null,
  sourceFormat: "atif",
  task: { name: "t", instruction: "Deploy with the key in ~/.env" },
  agent: null,
  resolved: true,
  reward: 1,
  metrics: { tor: null, var: null, closedLoop: null, egs: null, egsVersion: null },
  steps: [{ index: 0, source: "agent", startedAt: null, thought: null, toolName: "login", toolArgs, action, keystrokes: null, observation: "ok", exitCode: 0, trainable: true, tag: "act", commands: [{ text: action, tag: "act" }] }],
});

describe("redacting a trajectory for export", () => {
  it("masks a password named by its key in tool arguments, keeping the arguments JSON", () => {
    const redactor = createRedactor();
    const out = redactTrajectory(trajectory({ user: "ci", password: "hunter2x9", nested: { token: "ghp_R8x2Lm4Qv7Tz9Wc3Ya6Nd1Kp5Hs0Jb8Fg2Ue" } }, "login --user ci"), redactor);
    expect(out.steps[0]!.toolArgs).toEqual({ user: "ci", password: "[REDACTED:password]", nested: { token: "[REDACTED:github-token]" } });
    expect(redactor.counts()).toEqual({ "github-token": 1, password: 1 });
  });

  it("masks the action and its commands alike and counts the secret once for them", () => {
    const redactor = createRedactor();
    const action = "curl -H 'Authorization: Bearer ghp_R8x2Lm4Qv7Tz9Wc3Ya6Nd1Kp5Hs0Jb8Fg2Ue' https://api.github.com/user";
    const out = redactTrajectory(trajectory(null, action), redactor);
    expect(out.steps[0]!.action).not.toContain("ghp_");
    expect(out.steps[0]!.commands[0]!.text).toBe(out.steps[0]!.action);
    expect(Object.values(redactor.counts()).reduce((a, b) => a + b, 0)).toBe(1);
  });
});
