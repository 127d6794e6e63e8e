import type { StepInput } from "../trajectories/trajectory-input";
import { JSON_LIMITS, MiB, depthBeyond } from "./json-records";
import { cleanText } from "./read-json";
import type { NormalizedTrajectory } from "./types";

/*
 * Turning a conversation into steps (one per tool call), and the small helpers around it, shared
 * by every chat-shaped format: the OpenAI JSONL, Inspect and ShareGPT importers use these.
 */

// ---------------------------------------------------------------------------------------------
// Conversations → steps

export type ChatToolCall = { id?: string | null; name: string | null; args: unknown };

/** A conversation, as every chat format reduces to. */
export type ChatTurn =
  | { role: "system" | "user"; text: string | null }
  | { role: "assistant"; text: string | null; calls: ChatToolCall[]; trainable?: boolean }
  | { role: "tool"; callId?: string | null; name?: string | null; text: string | null };

/**
 * Steps from a conversation: system and user messages as context steps; one step per tool call
 * (the turn's text as the thought of its first call), with the result matched by call id (or,
 * without ids, the oldest unanswered call of that name); a turn without calls as a thought.
 */
export function chatToSteps(turns: ChatTurn[]): { steps: StepInput[]; warnings: string[] } {
  const steps: StepInput[] = [];
  const byId = new Map<string, StepInput>();
  const unanswered: { step: StepInput; id: string | null }[] = [];
  let orphans = 0;
  let empty = 0;

  for (const turn of turns) {
    if (turn.role === "system" || turn.role === "user") {
      steps.push({ source: turn.role, observation: cleanText(turn.text), trainable: false });
    } else if (turn.role === "assistant") {
      const thought = cleanText(turn.text?.trim() ? turn.text : null);
      const trainable = turn.trainable ?? true;
      if (turn.calls.length === 0) {
        if (thought) steps.push({ source: "agent", thought, trainable });
        else empty++;
      }
      for (const [i, call] of turn.calls.entries()) {
        const step: StepInput = { source: "agent", thought: i === 0 ? thought : null, toolName: cleanText(call.name), toolArgs: cleanDeep(call.args), trainable };
        Object.assign(step, actionOf(call.name, call.args));
        steps.push(step);
        if (call.id) byId.set(call.id, step);
        unanswered.push({ step, id: call.id ?? null });
      }
    } else if (turn.role === "tool") {
      const text = cleanText(turn.text) ?? "";
      const step = (turn.callId ? byId.get(turn.callId) : undefined) ?? positional(unanswered, turn);
      if (!step) {
        orphans++;
        steps.push({ source: "agent", toolName: cleanText(turn.name), observation: text, exitCode: exitCodeOf(text), trainable: false });
        continue;
      }
      step.observation = step.observation ? `${step.observation}\n${text}` : text;
      step.exitCode ??= exitCodeOf(text);
      const at = unanswered.findIndex((u) => u.step === step);
      if (at !== -1) unanswered.splice(at, 1);
    }
  }

  const warnings: string[] = [];
  if (orphans) warnings.push(`${orphans} tool results match no tool call: kept as steps with only the result`);
  if (empty) warnings.push(`${empty} empty assistant turns (no text, no tool call) left out`);
  if (unanswered.length) warnings.push(`${unanswered.length} tool calls have no result`);
  return { steps, warnings };
}

/**
 * A result without a usable call id answers the oldest unanswered call of its tool (or the
 * oldest at all); a result with an id only ever answers calls that had none.
 */
function positional(unanswered: { step: StepInput; id: string | null }[], turn: { callId?: string | null; name?: string | null }): StepInput | undefined {
  const open = unanswered.filter((u) => !turn.callId || !u.id);
  return (open.find((u) => turn.name && u.step.toolName === turn.name) ?? open[0])?.step;
}

/** Tools that run a shell command; their command is the step's action. */
const SHELL_TOOL = /^(exec|execute|execute_command|run_command|cmd|local_shell|container\.exec)$|(^|[_.-])(bash|shell|terminal|sh|zsh)([_.-]|$)/i;
const COMMAND_ARGS = ["command", "cmd", "keystrokes"] as const;

/** The action (and keystrokes) of a tool call: the command for a shell, else `name(arg=…)`. */
export function actionOf(name: string | null, args: unknown): Pick<StepInput, "action" | "keystrokes"> {
  if (name === null) return { action: cleanText(typeof args === "string" ? args : JSON.stringify(args)) };
  if (SHELL_TOOL.test(name) && isObject(args)) {
    for (const key of COMMAND_ARGS) {
      const value = args[key];
      const command = Array.isArray(value) && value.every((v) => typeof v === "string") ? shellArgv(value) : value;
      if (typeof command !== "string") continue;
      if (key === "keystrokes") return { action: cleanText(command.replace(/\r?\n$/, "")), keystrokes: cleanText(command) };
      return { action: cleanText(command) };
    }
  }
  return { action: cleanText(renderCall(name, args)) };
}

/** `["bash", "-lc", "ls"]` → `ls`; any other argv joined with spaces. */
function shellArgv(argv: string[]): string {
  return argv.length === 3 && /^(ba|z)?sh$/.test(argv[0]!) && /^-l?c$/.test(argv[1]!) ? argv[2]! : argv.join(" ");
}

/** One line: `name(key="value", n=3)`, or just `name` without arguments. */
export function renderCall(name: string, args: unknown): string {
  if (args === undefined || args === null || (isObject(args) && Object.keys(args).length === 0)) return name;
  if (!isObject(args)) return `${name}(${JSON.stringify(args)})`;
  return `${name}(${Object.entries(args)
    .map(([k, v]) => `${k}=${JSON.stringify(v) ?? "undefined"}`)
    .join(", ")})`;
}

/**
 * The exit status a tool result states, if it states one: harness conventions (OpenHands'
 * `[Command finished with exit code N]`, mini-swe-agent's `<returncode>N</returncode>`), a JSON
 * result with an exit-code field, or a first or last line like `Exit code: 1`.
 */
export function exitCodeOf(text: string | null | undefined): number | null {
  if (!text) return null;
  const known = /\[Command finished with exit code (-?\d+)\]|<returncode>\s*(-?\d+)\s*<\/returncode>/.exec(text);
  if (known) return Number(known[1] ?? known[2]);
  const trimmed = text.trim();
  if (trimmed.startsWith("{") && trimmed.length < MiB) {
    try {
      const value = JSON.parse(trimmed) as Record<string, unknown>;
      for (const key of ["exit_code", "exitCode", "returncode", "return_code", "exit_status"]) {
        if (Number.isInteger(value[key])) return value[key] as number;
      }
    } catch {
      // Not JSON after all: fall through to the line forms.
    }
  }
  const lines = trimmed.split("\n");
  for (const line of [lines[0], lines.at(-1)]) {
    const match = /^\[?(?:exit(?:[ _]?code| status)|return ?code|returncode)\s*[:=]?\s*(-?\d{1,3})\]?\.?$/i.exec(line?.trim() ?? "");
    if (match) return Number(match[1]);
  }
  return null;
}

/** Tool-call arguments as JSON text (OpenAI's form) → a value; text that is not JSON stays text. */
export function parseArguments(raw: unknown): { args: unknown; ok: boolean } {
  if (typeof raw !== "string") return { args: raw ?? {}, ok: true };
  if (!raw.trim()) return { args: {}, ok: true };
  if (depthBeyond(raw, JSON_LIMITS.depth) !== -1) return { args: raw, ok: false };
  try {
    return { args: JSON.parse(raw), ok: true };
  } catch {
    return { args: raw, ok: false };
  }
}

/** Strings inside tool arguments go to jsonb, which cannot hold NUL either. */
function cleanDeep(value: unknown): unknown {
  if (typeof value === "string") return cleanText(value);
  if (Array.isArray(value)) return value.map(cleanDeep);
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [cleanText(k), cleanDeep(v)]));
  return value;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Resolved from a reward in [0, 1]: full marks; other scales say nothing about it. */
export function resolvedFrom(reward: number | null | undefined): boolean | null {
  return typeof reward === "number" && reward >= 0 && reward <= 1 ? reward === 1 : null;
}

/**
 * Who and what a chat record is about, when it says: datasets put this on the record or in a
 * `metadata` object under a handful of common names. Anything else stays unknown.
 */
export function recordMeta(record: Record<string, unknown>, firstUserText: string | null): Pick<NormalizedTrajectory, "agent" | "task" | "reward" | "resolved" | "sessionId"> {
  const meta = isObject(record.metadata) ? record.metadata : {};
  const pick = <T>(test: (v: unknown) => v is T, ...keys: string[]): T | undefined => {
    for (const key of keys) for (const source of [record, meta]) if (test(source[key])) return source[key] as T;
    return undefined;
  };
  const text = (v: unknown): v is string => typeof v === "string" && v.trim() !== "";
  const model = pick(text, "model", "model_name");
  const agentName = pick(text, "agent", "agent_name");
  const taskName = pick(text, "task", "task_name", "task_id", "instance_id");
  const reward = pick((v): v is number => typeof v === "number" && Number.isFinite(v), "reward", "score");
  const resolved = pick((v): v is boolean => typeof v === "boolean", "resolved", "success");
  return {
    agent: agentName || model ? { name: (agentName ?? model)!.slice(0, 200), model: model?.slice(0, 200) } : null,
    task: taskName ? { name: taskName, instruction: cleanText(firstUserText) } : null,
    reward: reward ?? null,
    resolved: resolved ?? resolvedFrom(reward),
    sessionId: pick(text, "id", "session_id", "trajectory_id") ?? null,
  };
}

/** Text of an OpenAI content field: a string, or parts with `text` (other parts as placeholders). */
export function partsText(content: unknown): string | null {
  if (content === null || content === undefined) return null;
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return JSON.stringify(content);
  return content
    .map((part) => {
      if (typeof part === "string") return part;
      if (isObject(part) && typeof part.text === "string") return part.text;
      return isObject(part) && typeof part.type === "string" ? `[${part.type}]` : "";
    })
    .join("\n");
}
