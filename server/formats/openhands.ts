import path from "node:path/posix";
import { z } from "zod";
import type { StepInput } from "../trajectories/trajectory-input";
import { cleanArgs, providerOf } from "./chat-text";
import { cleanText, decodeText, expectShape, parseJson } from "./read-json";
import { type FileImporter, type NormalizedTrajectory, SourceError, type VirtualFile } from "./types";

/*
 * OpenHands (V0) event streams as `event_to_trajectory` serializes them: the list written by
 * `save_trajectory_path`, or `{"trajectory": [...]}` from the conversation's trajectory endpoint.
 * An event is an action (`action`, `args`) or an observation (`observation`, `content`, `extras`,
 * `cause` = the id of the action it answers); both carry `id`, `timestamp`, `source`, and agent
 * actions `tool_call_metadata` (the model response) and `llm_metrics` (running totals).
 */
const Text = z.string().nullish();
const Count = z.number().nonnegative().nullish();
const Id = z.union([z.number(), z.string()]).nullish();

const Event = z.object({
  id: Id,
  timestamp: Text,
  source: Text,
  message: Text,
  action: Text,
  observation: Text,
  args: z.record(z.string(), z.unknown()).nullish(),
  content: z.unknown().optional(),
  extras: z.record(z.string(), z.unknown()).nullish(),
  cause: Id,
  tool_call_metadata: z
    .object({ function_name: Text, tool_call_id: Text, model_response: z.object({ id: Text, model: Text }).passthrough().nullish() })
    .nullish(),
  llm_metrics: z
    .object({
      accumulated_cost: Count,
      accumulated_token_usage: z.object({ prompt_tokens: Count, completion_tokens: Count, cache_read_tokens: Count }).nullish(),
    })
    .nullish(),
});
type Event = z.infer<typeof Event>;
const EventList = z.array(Event);
const Download = z.object({ trajectory: EventList });

/** Bookkeeping events of the controller and runtime: no model decision, nothing to learn from. */
const BOOKKEEPING = new Set(["recall", "change_agent_state", "condensation", "condensation_request", "null", "pause", "resume", "stop", "agent_state_changed", "condense"]);

export const openHandsImporter: FileImporter = {
  format: "openhands",
  label: "OpenHands event stream",
  detect(head) {
    const list = /^\s*\[\s*\{/.test(head) || /^\s*\{\s*"trajectory"\s*:\s*\[\s*\{/.test(head);
    return (
      list &&
      /"source"\s*:\s*"(agent|user|environment)"/.test(head) &&
      /"timestamp"\s*:/.test(head) &&
      /"(action|observation)"\s*:\s*"[a-z_]+"/.test(head)
    );
  },
  async parse(file) {
    const json = parseJson(decodeText(await file.read(), file.path), file.path);
    const events = Array.isArray(json) ? expectShape(EventList, json, file.path, "OpenHands event list") : expectShape(Download, json, file.path, "OpenHands trajectory").trajectory;
    const where = Array.isArray(json) ? "" : "trajectory";
    if (events.length === 0) throw new SourceError(file.path, "the event list is empty: expected OpenHands events", `at ${where || "the top level"}`);
    events.forEach((event, i) => {
      if (!event.action && !event.observation) {
        throw new SourceError(file.path, "not an OpenHands event: expected an `action` or an `observation` field", `at ${where}[${i}]`);
      }
    });
    return { trajectories: [convert(events, file)], warnings: [] };
  },
};

function convert(events: Event[], file: VirtualFile): NormalizedTrajectory {
  const warnings: string[] = [];
  const steps: StepInput[] = [];
  const byId = new Map<string, StepInput>();
  const counts = { bookkeeping: 0, hidden: 0, orphans: 0, errors: 0 };
  let lastAction: StepInput | null = null;
  let finished = false;
  let agentState: string | null = null;
  let version: string | null = null;
  let model: string | null = null;
  let metrics: Event["llm_metrics"] = null;
  let naiveTimes = false;

  for (const event of events) {
    const startedAt = dateOf(event.timestamp, () => (naiveTimes = true));
    if (event.llm_metrics) metrics = event.llm_metrics;
    model ??= event.tool_call_metadata?.model_response?.model ?? null;
    if (event.action) {
      const args = event.args ?? {};
      if (args.hidden === true) {
        counts.hidden++;
        continue;
      }
      if (event.action === "system") {
        version ??= str(args.openhands_version);
        steps.push({ source: "system", startedAt, observation: cleanText(str(args.content) ?? event.message ?? null), trainable: false });
        continue;
      }
      if (BOOKKEEPING.has(event.action)) {
        counts.bookkeeping++;
        continue;
      }
      if (event.source !== "agent") {
        steps.push({ source: "user", startedAt, observation: cleanText(str(args.content) ?? event.message ?? null), trainable: false });
        continue;
      }
      if (event.action === "finish") finished = true;
      const step = agentStep(event, args, startedAt);
      steps.push(step);
      if (event.id !== null && event.id !== undefined) byId.set(String(event.id), step);
      if (step.action) lastAction = step;
      continue;
    }
    // An observation.
    if (event.observation === "agent_state_changed") agentState = str(event.extras?.agent_state) ?? agentState;
    if (event.observation === "error") counts.errors++;
    if (BOOKKEEPING.has(event.observation!) || event.extras?.hidden === true) continue;
    const cause = event.cause === null || event.cause === undefined ? undefined : byId.get(String(event.cause));
    const target = cause ?? (event.cause === null || event.cause === undefined ? lastAction : undefined);
    // No target: it answers an event left out above (recall, hidden) or comes before any action.
    if (!target) continue;
    if (!cause) counts.orphans++;
    if (!target.action) continue; // think: "Your thought has been logged." adds nothing.
    const text = cleanText(contentText(event.content) ?? event.message ?? "");
    target.observation = target.observation ? `${target.observation}\n${text}` : text;
    const exitCode = exitCodeOf(event.extras);
    if (exitCode !== null) target.exitCode = exitCode;
  }

  if (counts.bookkeeping) warnings.push(`${counts.bookkeeping} bookkeeping events (recall, agent state, condensation) left out`);
  if (counts.hidden) warnings.push(`${counts.hidden} hidden actions (run by OpenHands itself) left out`);
  if (counts.orphans) warnings.push(`${counts.orphans} observations name no action (no \`cause\`): attached to the action before them`);
  if (naiveTimes) warnings.push("timestamps carry no time zone: read as UTC");
  if (!finished) warnings.push("no finish action: the run may have been cut short");
  if (counts.errors) warnings.push(`${counts.errors} error observations (tool calls OpenHands could not carry out)`);
  if (agentState && ["error", "stopped", "rejected"].includes(agentState)) warnings.push(`the agent ended in state "${agentState}"`);

  const failureTags: string[] = [];
  if (!steps.some((s) => s.source === "agent" && s.action)) failureTags.push("agent-never-ran");
  if (agentState === "error") failureTags.push("agent-error");
  const stamps = events.map((e) => dateOf(e.timestamp, () => {})).filter((d): d is Date => d !== null);
  const startedAt = stamps[0] ?? null;
  const endedAt = stamps.at(-1) ?? null;
  const usage = metrics?.accumulated_token_usage;
  return {
    agent: { name: "openhands", model, version, harness: "openhands", provider: providerOf(model) },
    task: taskOf(steps, file),
    promptTokens: usage?.prompt_tokens ?? null,
    completionTokens: usage?.completion_tokens ?? null,
    cachedTokens: usage?.cache_read_tokens ?? null,
    costUsd: metrics?.accumulated_cost ?? null,
    startedAt,
    endedAt,
    durationMs: startedAt && endedAt ? endedAt.getTime() - startedAt.getTime() : null,
    steps,
    failureTags,
    warnings,
  };
}

/** One agent action: its tool, the command (or a one-line rendering of the tool call), its thought. */
function agentStep(event: Event, args: Record<string, unknown>, startedAt: Date | null): StepInput {
  const fn = event.tool_call_metadata?.function_name ?? null;
  const thought = cleanText([str(args.thought), event.action === "finish" ? str(args.final_thought) : null].filter(Boolean).join("\n") || null);
  const base = { source: "agent" as const, startedAt, thought };
  const filePath = str(args.path) ?? "";
  switch (event.action) {
    case "run":
      return { ...base, toolName: fn ?? "execute_bash", toolArgs: cleanArgs(args), action: cleanText(str(args.command) ?? "") };
    case "run_ipython":
      return { ...base, toolName: fn ?? "execute_ipython_cell", toolArgs: cleanArgs(args), action: cleanText(`${fn ?? "execute_ipython_cell"} ${JSON.stringify(str(args.code) ?? "")}`) };
    case "read": {
      const range = Array.isArray(args.view_range) ? ` ${args.view_range.join(" ")}` : "";
      const tool = fn ?? "str_replace_editor";
      return { ...base, toolName: tool, toolArgs: cleanArgs(args), action: cleanText(tool === "str_replace_editor" ? `${tool} view ${filePath}${range}` : `${tool} ${filePath}${range}`) };
    }
    case "edit": {
      const tool = fn ?? "str_replace_editor";
      const command = str(args.command);
      return { ...base, toolName: tool, toolArgs: cleanArgs(args), action: cleanText([tool, command, filePath].filter(Boolean).join(" ")) };
    }
    case "write":
      return { ...base, toolName: fn ?? "write", toolArgs: cleanArgs(args), action: cleanText(`${fn ?? "write"} ${filePath}`) };
    case "browse":
      return { ...base, toolName: fn ?? "browse", toolArgs: cleanArgs(args), action: cleanText(`${fn ?? "browse"} ${str(args.url) ?? ""}`.trim()) };
    case "browse_interactive":
      return { ...base, toolName: fn ?? "browser", toolArgs: cleanArgs(args), action: cleanText(`${fn ?? "browser"} ${oneLine(str(args.browser_actions) ?? "")}`.trim()) };
    case "think":
      // A logged thought changes nothing in the environment: a turn with only a thought.
      return { ...base, thought: cleanText(str(args.thought) ?? event.message ?? null) };
    case "message":
      return { ...base, thought: cleanText(str(args.content) ?? event.message ?? null) };
    case "finish":
    case "reject":
      return { ...base, toolName: fn ?? event.action, toolArgs: cleanArgs(args), action: event.action };
    case "delegate":
      return { ...base, toolName: fn ?? "delegate", toolArgs: cleanArgs(args), action: cleanText(`delegate ${str(args.agent) ?? ""}`.trim()) };
    case "mcp":
      return { ...base, toolName: str(args.name) ?? fn ?? "mcp", toolArgs: cleanArgs(args), action: cleanText(`${str(args.name) ?? "mcp"} ${JSON.stringify(args.arguments ?? {})}`) };
    default: {
      const tool = fn ?? event.action!;
      const shown = Object.fromEntries(Object.entries(args).filter(([key]) => key !== "thought"));
      return { ...base, toolName: tool, toolArgs: cleanArgs(args), action: cleanText(`${tool} ${oneLine(JSON.stringify(shown))}`) };
    }
  }
}

/** `metadata.exit_code` (current) or `exit_code` (before OpenHands PR 4881). */
function exitCodeOf(extras: Event["extras"]): number | null {
  const metadata = extras?.metadata;
  const code = metadata && typeof metadata === "object" ? (metadata as { exit_code?: unknown }).exit_code : extras?.exit_code;
  return typeof code === "number" && Number.isInteger(code) ? code : null;
}

/** The task is the first user message; the file names it (event lists carry no task id). */
function taskOf(steps: StepInput[], file: VirtualFile) {
  const instruction = steps.find((s) => s.source === "user")?.observation ?? null;
  const name = path.basename(file.rel).replace(/\.json$/, "") || "unknown-task";
  return { name, instruction: instruction?.trim() || null };
}

function contentText(content: unknown): string | null {
  if (content === null || content === undefined) return null;
  if (typeof content === "string") return content;
  return JSON.stringify(content);
}

/** OpenHands writes naive local times (`datetime.now().isoformat()`); without a zone they are read as UTC. */
function dateOf(text: string | null | undefined, onNaive: () => void): Date | null {
  if (!text) return null;
  const naive = !/(Z|[+-]\d\d:?\d\d)$/.test(text);
  if (naive) onNaive();
  const date = new Date(naive ? `${text}Z` : text);
  return Number.isNaN(date.getTime()) ? null : date;
}

function str(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}
