import type { StepInput } from "../trajectories/trajectory-input";

/** Consecutive identical commands that make a loop, and failing commands that make a streak. */
const LOOP_LENGTH = 3;
const STREAK_LENGTH = 3;

/**
 * Failure tags read off the steps themselves, added to what the importer knew (timeout,
 * parse-errors, agent-never-ran from the source):
 * - no-agent-steps: no agent action could be read (the agent may have run without its commands
 *   being recorded, e.g. Terminal-Bench agents that print nothing; importers that know the agent
 *   never started say agent-never-ran instead);
 * - repeated-command loop: the same command LOOP_LENGTH times in a row;
 * - non-zero-exit streak: STREAK_LENGTH commands in a row that exited non-zero;
 * - tests-edited: the agent wrote under a tests/ directory (the verifier's ground).
 */
export function failureTags(steps: StepInput[], known: string[] = []): string[] {
  const tags = new Set(known);
  const actions = steps.filter((s) => (s.source ?? "agent") === "agent" && s.action);
  if (actions.length === 0 && !tags.has("agent-never-ran")) tags.add("no-agent-steps");

  let run = 1;
  let streak = 0;
  for (const [i, step] of actions.entries()) {
    run = i > 0 && step.action!.trim() === actions[i - 1]!.action!.trim() ? run + 1 : 1;
    if (run >= LOOP_LENGTH) tags.add("repeated-command-loop");
    streak = typeof step.exitCode === "number" && step.exitCode !== 0 ? streak + 1 : 0;
    if (streak >= STREAK_LENGTH) tags.add("non-zero-exit-streak");
    if (writesUnderTests(step)) tags.add("tests-edited");
  }
  return [...tags].sort();
}

/*
 * Editing tools name their target path; for shell commands we look for a redirection or an
 * in-place edit aimed at a tests/ path. Issue 4's shell parser will make this exact; until then
 * this errs towards not tagging.
 */
const TEST_PATH = /(^|[\s/'"=])tests?\/[\w./-]*/;
const SHELL_WRITE_TO_TESTS = new RegExp(`(>>?|\\btee(\\s+-a)?|\\bsed\\s+-i\\S*\\s+[^|;&]*?|\\b(cp|mv)\\s+\\S+)\\s*${TEST_PATH.source}`);
function writesUnderTests(step: StepInput): boolean {
  const args = (step.toolArgs ?? {}) as Record<string, unknown>;
  const editor = step.toolName && /edit|write|create|str_replace|insert/i.test(`${step.toolName} ${String(args.command ?? "")}`);
  if (editor && typeof args.path === "string" && TEST_PATH.test(` ${args.path}`)) return !/\bview\b/.test(String(args.command ?? ""));
  const action = step.action ?? "";
  return SHELL_WRITE_TO_TESTS.test(action);
}
