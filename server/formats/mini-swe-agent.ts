import path from "node:path/posix";
import { z } from "zod";
import type { StepInput } from "../trajectories/trajectory-input";
import { cleanArgs, messageText, providerOf, templateSlot } from "./chat-text";
import { parseArguments } from "./chat-steps";
import { cleanText, decodeText, expectShape, parseJson } from "./read-json";
import { type FileImporter, type NormalizedTrajectory, SourceError, type VirtualFile } from "./types";

/*
 * mini-swe-agent trajectories: `{info, messages, trajectory_format: "mini-swe-agent-1" | "-1.1"}`
 * as `save_traj` / `DefaultAgent.save` write them, and bare message lists (test data, older tools).
 * v1 puts the one command of each reply in a ```bash block and the result in the next user message
 * (`<returncode>…</returncode><output>…</output>`); v2 (1.1) uses ```mswea_bash_command blocks or
 * tool calls, records the parsed commands in `extra.actions` and the raw result in `extra`.
 */
const Text = z.string().nullish();
const Count = z.number().nonnegative().nullish();

const Message = z.object({
  role: z.string().nullish(),
  content: z.unknown().optional(),
  reasoning_content: Text,
  tool_call_id: Text,
  tool_calls: z.array(z.object({ id: Text, function: z.object({ name: Text, arguments: z.unknown().optional() }).nullish() })).nullish(),
  extra: z.record(z.string(), z.unknown()).nullish(),
});
type Message = z.infer<typeof Message>;
const Messages = z.array(Message);
const MiniFile = z.object({
  trajectory_format: Text,
  instance_id: Text,
  info: z
    .object({
      exit_status: Text,
      mini_version: Text,
      instance_id: Text,
      model_stats: z.object({ instance_cost: Count, api_calls: Count }).nullish(),
      config: z
        .object({ model: z.object({ model_name: Text }).nullish(), agent: z.object({ instance_template: Text }).nullish() })
        .nullish(),
    })
    .nullish(),
  messages: Messages,
});
type MiniFile = z.infer<typeof MiniFile>;

/** mini-swe-agent stops when the first line of a command's output is one of these. */
const SUBMIT = /^\s*echo\s+['"]?(COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT|MINI_SWE_AGENT_FINAL_OUTPUT)\b/;
const FENCE = /```(?:mswea_bash_command|bash)[ \t]*\n([\s\S]*?)\n```/g;

const Usage = z.object({
  prompt_tokens: Count,
  completion_tokens: Count,
  prompt_tokens_details: z.object({ cached_tokens: Count }).nullish(),
  cache_read_input_tokens: Count,
});
/** Each field on its own: one odd value in `extra` must not hide the others. */
const Extra = z.object({
  actions: z.array(z.object({ command: z.string(), tool_call_id: Text })).nullish().catch(null),
  response: z.object({ model: Text, created: z.number().nullish(), usage: Usage.nullish() }).nullish().catch(null),
  timestamp: z.number().nullish().catch(null),
  returncode: z.number().int().nullish().catch(null),
  raw_output: Text.catch(null),
  exit_status: Text.catch(null),
});
type Extra = z.infer<typeof Extra>;

export const miniSweAgentImporter: FileImporter = {
  format: "mini-swe-agent",
  label: "mini-swe-agent",
  detect(head) {
    if (/"trajectory_format"\s*:\s*"mini-swe-agent-1/.test(head)) return true;
    // `trajectory_format` is written last: in a long file only `info.mini_version` may be in the head.
    if (/^\s*\{/.test(head)) return /"mini_version"\s*:/.test(head) && /"(messages|model_stats)"\s*:/.test(head);
    if (/"source"\s*:\s*"(agent|user|environment)"/.test(head)) return false; // an OpenHands event list
    // A bare message list, only when it is clearly a mini-swe-agent run: shell commands in the
    // replies and `<returncode>` results in the user turns.
    return (
      /^\s*\[/.test(head) &&
      /"role"\s*:\s*"assistant"/.test(head) &&
      /<returncode>-?\d+<\/returncode>/.test(head) &&
      /```(mswea_bash_command|bash)\b/.test(head)
    );
  },
  async parse(file) {
    const json = parseJson(decodeText(await file.read(), file.path), file.path);
    const doc: MiniFile = Array.isArray(json)
      ? { messages: expectShape(Messages, json, file.path, "mini-swe-agent message list") }
      : expectShape(MiniFile, json, file.path, "mini-swe-agent trajectory");
    if (doc.messages.length === 0) throw new SourceError(file.path, "the message list is empty: expected the system, task and agent messages", "at messages");
    return { trajectories: [convert(doc, file, Array.isArray(json))], warnings: [] };
  },
};

type Pending = { step: StepInput; callId?: string | null };

function convert(doc: MiniFile, file: VirtualFile, bare: boolean): NormalizedTrajectory {
  const warnings: string[] = [];
  const steps: StepInput[] = [];
  const counters = { formatErrors: 0, calls: 0, callsWithUsage: 0, prompt: 0, completion: 0, cached: 0 };
  let open: Pending[] = [];
  let model: string | null = null;
  const times: number[] = [];
  let exitStatus = doc.info?.exit_status ?? null;

  let agentSeen = false;
  let unknownRoles = 0;
  for (const message of doc.messages) {
    const extra = readExtra(message.extra);
    const role = message.role ?? null;
    if (role === "assistant") {
      agentSeen = true;
      counters.calls++;
      const usage = extra.response?.usage;
      if (usage) {
        counters.callsWithUsage++;
        counters.prompt += usage.prompt_tokens ?? 0;
        counters.completion += usage.completion_tokens ?? 0;
        counters.cached += usage.prompt_tokens_details?.cached_tokens ?? usage.cache_read_input_tokens ?? 0;
      }
      model ??= extra.response?.model ?? null;
      const seconds = extra.timestamp ?? extra.response?.created ?? null;
      if (seconds !== null) times.push(seconds);
      const turn = assistantTurn(message, extra);
      if (turn.actions.length === 0) counters.formatErrors++;
      const startedAt = seconds === null ? null : new Date(seconds * 1000);
      open = turn.actions.length
        ? turn.actions.map((a, i) => ({
            callId: a.callId,
            step: { source: "agent", startedAt, thought: i === 0 ? turn.thought : null, toolName: SUBMIT.test(a.command) ? "submit" : "bash", toolArgs: cleanArgs(a.args), action: cleanText(a.command) },
          }))
        : [{ step: { source: "agent", startedAt, thought: turn.thought } }];
      steps.push(...open.map((p) => p.step));
    } else if (agentSeen) {
      if (role !== "user" && role !== "tool" && role !== "exit") unknownRoles++;
      if (role === "exit") exitStatus ??= extra.exit_status ?? null;
      attachObservation(open, message, extra);
    } else {
      steps.push({ source: role === "system" ? "system" : "user", observation: cleanText(messageText(message.content)), trainable: false });
    }
  }

  if (counters.formatErrors) warnings.push(`${counters.formatErrors} replies had no single runnable command (format errors: nothing ran)`);
  if (counters.calls && counters.callsWithUsage < counters.calls) {
    warnings.push(counters.callsWithUsage ? `token usage recorded for ${counters.callsWithUsage} of ${counters.calls} model calls: totals are partial` : "no token usage recorded: token counts unknown");
  }
  if (unknownRoles) warnings.push(`${unknownRoles} messages without a known role (user, tool, exit) read as observations`);
  if (bare) warnings.push("a bare message list: no run info (model, exit status, cost)");
  if (!times.length) warnings.push("no timestamps in the messages: step times unknown");

  const configured = doc.info?.config?.model?.model_name ?? null;
  const agentModel = configured ?? model;
  const failureTags = failureTagsOf(exitStatus, counters.formatErrors);
  if (!steps.some((s) => s.source === "agent" && s.action)) failureTags.push("agent-never-ran");
  if (exitStatus && exitStatus !== "Submitted") warnings.push(`the run ended with exit status "${exitStatus}"`);
  return {
    agent: { name: "mini-swe-agent", model: agentModel, version: doc.info?.mini_version ?? null, harness: "mini-swe-agent", provider: providerOf(agentModel) },
    task: taskOf(doc, file, warnings),
    promptTokens: counters.callsWithUsage ? counters.prompt : null,
    completionTokens: counters.callsWithUsage ? counters.completion : null,
    cachedTokens: counters.callsWithUsage ? counters.cached : null,
    costUsd: doc.info?.model_stats?.instance_cost ?? null,
    startedAt: times.length ? new Date(Math.min(...times) * 1000) : null,
    endedAt: times.length ? new Date(Math.max(...times) * 1000) : null,
    steps,
    failureTags,
    warnings,
  };
}

type Action = { command: string; callId?: string | null; args?: unknown };

/** The commands of one reply: `extra.actions` (v2), tool calls, or exactly one fenced block (v1 rule). */
function assistantTurn(message: Message, extra: Extra): { actions: Action[]; thought: string | null } {
  const text = messageText(message.content);
  const reasoning = message.reasoning_content ?? null;
  if (extra.actions?.length) {
    const fenced = fencedCommands(text);
    const thought = fenced.length === 1 ? fenced[0]!.before : text;
    const argsOf = (id: string | null | undefined) => parseArguments(message.tool_calls?.find((c) => id && c.id === id)?.function?.arguments).args;
    return { actions: extra.actions.map((a) => ({ command: a.command, callId: a.tool_call_id, args: argsOf(a.tool_call_id) })), thought: thoughtOf(thought, reasoning) };
  }
  const calls = message.tool_calls ?? [];
  if (calls.length) {
    const actions = calls.map((c) => {
      const args = parseArguments(c.function?.arguments).args;
      return { command: commandOf(args) ?? c.function?.name ?? "tool_call", callId: c.id, args };
    });
    return { actions, thought: thoughtOf(text, reasoning) };
  }
  const fenced = fencedCommands(text);
  // mini-swe-agent runs a reply only when it holds exactly one command block.
  if (fenced.length !== 1) return { actions: [], thought: thoughtOf(text, reasoning) };
  return { actions: [{ command: fenced[0]!.command }], thought: thoughtOf(fenced[0]!.before, reasoning) };
}

function fencedCommands(text: string): { command: string; before: string }[] {
  return [...text.matchAll(FENCE)].map((m) => ({ command: m[1]!.trim(), before: text.slice(0, m.index) }));
}

function thoughtOf(text: string, reasoning: string | null): string | null {
  const thought = text.replace(/^\s*THOUGHT:\s*/, "").trim();
  return cleanText(thought || reasoning || null);
}

/**
 * An observation message answers the action with its tool_call_id, else the first open action still
 * without one. The raw output and return code come from `extra` (v2) or the rendered template (v1).
 */
function attachObservation(open: Pending[], message: Message, extra: Extra) {
  const id = message.tool_call_id;
  const target = open.find((p) => id && p.callId === id) ?? open.find((p) => p.step.observation === undefined) ?? open.at(-1);
  if (!target) return;
  const text = messageText(message.content);
  const rendered = /<returncode>(-?\d+)<\/returncode>/.exec(text);
  const output = extra.raw_output ?? (rendered ? outputOf(text) : text);
  const exitCode = extra.returncode ?? (rendered ? Number(rendered[1]) : null);
  const step = target.step;
  step.observation = cleanText(step.observation ? `${step.observation}\n${output}` : output);
  if (exitCode !== null && step.action) step.exitCode = exitCode;
}

/** `<output>…</output>`, or for long outputs everything after the return code (head, elision, tail). */
function outputOf(text: string): string {
  const inner = /<output>\n?([\s\S]*?)<\/output>/.exec(text);
  if (inner) return inner[1]!.replace(/\n$/, "");
  return text.replace(/^[\s\S]*?<\/returncode>\n?/, "");
}

function taskOf(doc: MiniFile, file: VirtualFile, warnings: string[]) {
  const id = doc.instance_id ?? doc.info?.instance_id;
  if (!id) warnings.push("no instance id in the file: the task is named after the file");
  const name = id || path.basename(file.rel).replace(/\.json$/, "").replace(/\.traj$/, "") || "unknown-task";
  const prompt = messageText(doc.messages.find((m) => m.role === "user")?.content);
  const template = doc.info?.config?.agent?.instance_template;
  const filled = template ? templateSlot(template, /\{\{\s*task\s*\}\}/, prompt) : null;
  // The default instance template of every mini-swe-agent config starts like this.
  const byDefault = /^Please solve this issue:\s*([\s\S]*?)\n\s*\nYou can execute bash commands/.exec(prompt)?.[1]?.trim();
  return { name, instruction: cleanText(filled || byDefault || prompt || null) };
}

function failureTagsOf(exitStatus: string | null, formatErrors: number): string[] {
  const tags = new Set<string>();
  if (exitStatus === "LimitsExceeded") tags.add("limits-exceeded");
  if (exitStatus && /timeout/i.test(exitStatus)) tags.add("timeout");
  if (exitStatus && exitStatus !== "Submitted" && !tags.size) tags.add("agent-error");
  if (formatErrors) tags.add("parse-errors");
  return [...tags];
}

function readExtra(extra: Message["extra"]): Extra {
  return Extra.parse(extra ?? {});
}

function commandOf(args: unknown): string | null {
  const value = typeof args === "string" ? parseArguments(args).args : args;
  return value && typeof value === "object" && typeof (value as { command?: unknown }).command === "string" ? (value as { command: string }).command : null;
}

