import path from "node:path/posix";
import { z } from "zod";
import type { StepInput } from "../trajectories/trajectory-input";
import { cleanArgs, literalHead, messageText, providerOf, templateSlot } from "./chat-text";
import { parseArguments } from "./chat-steps";
import { cleanText, decodeText, expectShape, parseJson } from "./read-json";
import { type FileImporter, type NormalizedTrajectory, SourceError, type VirtualFile } from "./types";

/*
 * SWE-agent `.traj` files, as `DefaultAgent.get_trajectory_data` writes them (SWE-agent 1.x) and as
 * the 0.x releases did: `trajectory` (one entry per model turn: action, observation, thought,
 * response, execution_time, state), `history` (the chat sent to the model), `info` (exit_status,
 * submission, model_stats) and `replay_config` (the run config, a JSON string in 1.x, an object in
 * some test files). The RetryAgent adds `attempts`, one such record per attempt.
 */
const Text = z.string().nullish();
const Count = z.number().nonnegative().nullish();

const TrajStep = z.object({ action: Text, observation: Text, thought: Text, response: Text, reasoning_content: Text, execution_time: Count });
const ToolCall = z.object({ id: Text, function: z.object({ name: z.string(), arguments: z.unknown().optional() }).nullish() });
const HistoryItem = z.object({
  role: z.string(),
  content: z.unknown().optional(),
  message_type: Text,
  is_demo: z.boolean().nullish(),
  thought: Text,
  action: Text,
  tool_calls: z.array(ToolCall).nullish(),
});
const Info = z
  .object({
    exit_status: Text,
    swe_agent_version: Text,
    best_attempt_idx: z.number().nullish(),
    model_stats: z.object({ instance_cost: Count, tokens_sent: Count, tokens_received: Count }).nullish(),
  })
  .nullish();
const Attempt = z.object({
  trajectory: z.array(TrajStep).nullish(),
  history: z.array(HistoryItem).nullish(),
  info: Info,
  replay_config: z.union([z.string(), z.record(z.string(), z.unknown())]).nullish(),
});
const TrajFile = Attempt.extend({ attempts: z.array(Attempt).nullish() });
type Attempt = z.infer<typeof Attempt>;
type HistoryItem = z.infer<typeof HistoryItem>;

/** The parts of the run config we read; anything else in it is ignored. */
const Model = z.object({ name: Text, model_name: Text }).nullish();
const ReplayConfig = z.object({
  agent: z
    .object({
      model: Model,
      agent_configs: z.array(z.object({ model: Model })).nullish(),
      templates: z.object({ instance_template: Text, next_step_template: Text, next_step_no_output_template: Text }).nullish(),
      tools: z.object({ command_docs: Text }).nullish(),
    })
    .nullish(),
  problem_statement: z.object({ id: Text, text: Text, github_url: Text }).nullish(),
});
type ReplayConfig = z.infer<typeof ReplayConfig>;

/** SWE-agent's own commands (tool bundles), for files whose config does not list them. */
const KNOWN_COMMANDS = new Set(
  "open goto scroll_up scroll_down create search_dir search_file find_file edit insert submit str_replace_editor filemap view_image exit_forfeit".split(" "),
);

export const sweAgentImporter: FileImporter = {
  format: "swe-agent",
  label: "SWE-agent (.traj)",
  detect(head, filePath) {
    if (!/^\s*\{/.test(head) || /"(trajectory_format|schema_version)"\s*:/.test(head)) return false;
    // OpenHands' `{"trajectory": [events]}` download also has a `trajectory` list; its events carry a `source`.
    if (/"source"\s*:\s*"(agent|user|environment)"/.test(head) && /"timestamp"\s*:/.test(head)) return false;
    const steps = /"trajectory"\s*:\s*\[/.test(head) && /"(execution_time|response|thought)"\s*:/.test(head);
    const history = /"history"\s*:\s*\[/.test(head) && /"role"\s*:/.test(head) && /"(message_type|agent)"\s*:/.test(head);
    const attempts = /"attempts"\s*:\s*\[/.test(head) && /"trajectory"\s*:/.test(head);
    return steps || history || attempts || (filePath.endsWith(".traj") && /"(trajectory|history)"\s*:\s*\[/.test(head));
  },
  async parse(file) {
    const doc = expectShape(TrajFile, parseJson(decodeText(await file.read(), file.path), file.path), file.path, "SWE-agent trajectory");
    if (doc.attempts?.length) {
      const chosen = doc.info?.best_attempt_idx;
      const trajectories = doc.attempts.map((attempt, i) => ({ ...convertAttempt(attempt, file, `attempts[${i}]`), key: `attempt-${i}` }));
      const note = typeof chosen === "number" ? ` (SWE-agent chose attempt ${chosen})` : "";
      return { trajectories, warnings: [`the file holds ${doc.attempts.length} attempts of a retry agent: each imported as its own trajectory${note}`] };
    }
    if (!doc.trajectory && !doc.history) {
      throw new SourceError(file.path, "not a SWE-agent trajectory: expected a `trajectory` or `history` list", "at the top level");
    }
    return { trajectories: [convertAttempt(doc, file, null)], warnings: [] };
  },
};

function convertAttempt(attempt: Attempt, file: VirtualFile, where: string | null): NormalizedTrajectory {
  const warnings: string[] = [];
  const config = readReplayConfig(attempt.replay_config, warnings);
  const history = attempt.history ?? [];
  const demos = history.filter((h) => h.is_demo).length;
  const live = history.filter((h) => !h.is_demo);
  const firstTurn = live.findIndex((h) => h.role === "assistant");
  const prompt = firstTurn === -1 ? live : live.slice(0, firstTurn);
  const steps: StepInput[] = prompt.map((h) => ({
    source: h.role === "system" ? "system" : "user",
    observation: cleanText(messageText(h.content)),
    trainable: false,
  }));
  if (demos) warnings.push(`${demos} demonstration messages in the history left out (they are examples, not this run)`);

  const commands = declaredCommands(config);
  const counters = { noAction: 0 };
  if (attempt.trajectory && attempt.trajectory.length > 0) {
    steps.push(...fromTrajectory(attempt.trajectory, live, commands, counters));
  } else if (firstTurn !== -1) {
    const recovered = fromHistory(live.slice(firstTurn), config, commands, counters);
    steps.push(...recovered.steps);
    const how = [recovered.fromField && `${recovered.fromField} from the recorded action`, recovered.fromCalls && `${recovered.fromCalls} from tool calls`, recovered.fromFence && `${recovered.fromFence} from fenced commands in the text`];
    warnings.push(`no \`trajectory\` steps in the file: actions recovered from \`history\` (${how.filter(Boolean).join(", ") || "none found"})`);
  }
  if (counters.noAction) warnings.push(`${counters.noAction} model replies had no runnable action (format errors or requeries)`);
  warnings.push("SWE-agent records no timestamps or exit codes: step times and exit codes are unknown");

  const exitStatus = attempt.info?.exit_status ?? null;
  if (exitStatus && !/^submitted$/i.test(exitStatus)) warnings.push(`the run ended with exit status "${exitStatus}"`);
  const failureTags = failureTagsOf(exitStatus, counters.noAction);
  if (!steps.some((s) => s.source === "agent" && s.action)) failureTags.push("agent-never-ran");
  const stats = attempt.info?.model_stats;
  const model = modelOf(config);
  return {
    agent: { name: "swe-agent", model, version: attempt.info?.swe_agent_version ?? null, harness: "swe-agent", provider: providerOf(model) },
    task: taskOf(config, prompt, file, where),
    promptTokens: stats?.tokens_sent ?? null,
    completionTokens: stats?.tokens_received ?? null,
    costUsd: stats?.instance_cost ?? null,
    steps,
    failureTags,
    warnings,
  };
}

/** One step per trajectory entry; tool names and arguments from the matching history message. */
function fromTrajectory(entries: z.infer<typeof TrajStep>[], history: HistoryItem[], commands: Set<string>, counters: { noAction: number }): StepInput[] {
  const turns = history.filter((h) => h.role === "assistant");
  let next = 0;
  return entries.map((entry) => {
    const action = trimEnd(entry.action ?? "");
    const thought = cleanText(entry.thought || entry.response || entry.reasoning_content || null);
    const observation = cleanText(entry.observation ?? null);
    if (!action) {
      // Autosubmission after an error writes a harness message, not a model turn.
      if (/^Exit(ing)? due to/.test(thought ?? "")) return { source: "system", thought, observation, trainable: false };
      counters.noAction++;
      return { source: "agent", thought, observation };
    }
    const found = turns.findIndex((t, i) => i >= next && trimEnd(t.action ?? "") === action);
    const call = found === -1 ? undefined : turns[found]!.tool_calls?.[0]?.function;
    if (found !== -1) next = found + 1;
    return { source: "agent", thought, toolName: call?.name ?? commandWord(action, commands), toolArgs: call ? cleanArgs(parseArguments(call.arguments).args) : undefined, action: cleanText(action), observation };
  });
}

/**
 * Files with only `history` (from its first assistant message on): each assistant message is one action (SWE-agent runs exactly one per
 * turn) from its `action` field, its tool call, or the last fenced block of its text; the messages
 * after it are the observation, with the prompt template around it removed.
 */
function fromHistory(items: HistoryItem[], config: ReplayConfig | null, commands: Set<string>, counters: { noAction: number }) {
  const steps: StepInput[] = [];
  const tally = { fromField: 0, fromCalls: 0, fromFence: 0 };
  let current: StepInput | null = null;
  for (const item of items) {
    if (item.role === "assistant") {
      const text = messageText(item.content);
      const call = item.tool_calls?.[0]?.function;
      const fence = lastFence(text);
      let action: string | null = null;
      if (item.action?.trim()) {
        action = trimEnd(item.action);
        tally.fromField++;
      } else if (call) {
        action = renderToolCall(call.name, parseArguments(call.arguments).args);
        tally.fromCalls++;
      } else if (fence) {
        action = fence.command;
        tally.fromFence++;
      }
      if (action === null) counters.noAction++;
      const thought = item.thought ?? (fence && !call ? fence.before : text);
      current = {
        source: "agent",
        thought: cleanText(thought.trim() || null),
        toolName: action ? (call?.name ?? commandWord(action, commands)) : null,
        toolArgs: action && call ? cleanArgs(parseArguments(call.arguments).args) : undefined,
        action: cleanText(action),
      };
      steps.push(current);
    } else if (current) {
      const observation = stripObservationTemplate(messageText(item.content), config);
      current.observation = cleanText(current.observation ? `${current.observation}\n${observation}` : observation);
    }
  }
  return { steps, ...tally };
}

const OBSERVATION_SLOT = /\{\{\s*observation\s*\}\}|\{observation\}/;

function stripObservationTemplate(text: string, config: ReplayConfig | null): string {
  const templates = config?.agent?.templates;
  const noOutput = templates?.next_step_no_output_template;
  if (noOutput && !OBSERVATION_SLOT.test(noOutput)) {
    const head = literalHead(noOutput).trim();
    if (head && text.trim().startsWith(head)) return "";
  }
  const inner = templates?.next_step_template ? templateSlot(templates.next_step_template, OBSERVATION_SLOT, text) : null;
  // Every default SWE-agent template ends the observation with the open file, directory and prompt.
  return inner ?? text.replace(/\n*\(Open file: [^\n]*\)\n\(Current directory: [^\n]*\)\n?bash-\$\s*$/, "");
}

function readReplayConfig(raw: Attempt["replay_config"], warnings: string[]): ReplayConfig | null {
  if (raw === null || raw === undefined) {
    warnings.push("no replay_config in the file: model and problem statement unknown");
    return null;
  }
  let value: unknown = raw;
  if (typeof raw === "string") {
    try {
      value = JSON.parse(raw);
    } catch {
      warnings.push("replay_config is not valid JSON: model and problem statement unknown");
      return null;
    }
  }
  const parsed = ReplayConfig.safeParse(value);
  if (parsed.success) return parsed.data;
  warnings.push("replay_config has an unexpected shape: model and problem statement unknown");
  return null;
}

function modelOf(config: ReplayConfig | null): string | null {
  const model = config?.agent?.model ?? config?.agent?.agent_configs?.[0]?.model;
  return model?.name ?? model?.model_name ?? null;
}

/** The task is the problem statement's id (SWE-agent names the file after it); else the file name. */
function taskOf(config: ReplayConfig | null, prompt: HistoryItem[], file: VirtualFile, where: string | null) {
  const statement = config?.problem_statement;
  const name = statement?.id || path.basename(file.rel).replace(/\.traj$/, "").replace(/\.json$/, "") || (where ?? "unknown-task");
  const instancePrompt = messageText(prompt.find((h) => h.role === "user")?.content);
  const template = config?.agent?.templates?.instance_template;
  const fromTemplate = template ? templateSlot(template, /\{\{\s*problem_statement\s*\}\}|\{problem_statement\}/, instancePrompt) : null;
  const instruction = statement?.text ?? fromTemplate ?? (instancePrompt || null);
  return { name, instruction: cleanText(instruction), source: statement?.github_url ?? null };
}

function failureTagsOf(exitStatus: string | null, noAction: number): string[] {
  const tags = new Set<string>();
  const status = exitStatus ?? "";
  if (/exit_cost|cost_limit/.test(status)) tags.add("cost-limit");
  if (/exit_context/.test(status)) tags.add("context-limit");
  if (/timeout|execution_time/.test(status)) tags.add("timeout");
  if (/exit_error|exit_api|exit_environment/.test(status)) tags.add("agent-error");
  if (/exit_format/.test(status) || noAction > 0) tags.add("parse-errors");
  return [...tags];
}

/** Command names from the run's tool documentation: `name:` lines at the start of a line. */
function declaredCommands(config: ReplayConfig | null): Set<string> {
  const docs = config?.agent?.tools?.command_docs;
  if (!docs) return KNOWN_COMMANDS;
  return new Set([...docs.matchAll(/^([A-Za-z_][\w-]*):\s*$/gm)].map((m) => m[1]!).filter((name) => name !== "bash"));
}

/** An SWE-agent command keeps its own name (`find_file`, `str_replace_editor`); anything else ran in bash. */
function commandWord(action: string, commands: Set<string>): string {
  const word = /^\s*([^\s;|&<>()]+)/.exec(action)?.[1] ?? "";
  return commands.has(word) ? word : "bash";
}

function lastFence(text: string): { command: string; before: string } | null {
  const fences = [...text.matchAll(/```[\w-]*[ \t]*\n([\s\S]*?)\n?```/g)];
  const last = fences.at(-1);
  if (!last || !last[1]!.trim()) return null;
  return { command: trimEnd(last[1]!), before: text.slice(0, last.index).replace(/^\s*DISCUSSION\s*/, "") };
}

function renderToolCall(name: string, args: unknown): string {
  if (args && typeof args === "object" && !Array.isArray(args)) {
    const values = Object.values(args as Record<string, unknown>);
    if (name === "bash" && typeof (args as { command?: unknown }).command === "string") return (args as { command: string }).command;
    return [name, ...values.map((v) => shellWord(typeof v === "string" ? v : JSON.stringify(v)))].join(" ");
  }
  return name;
}

function shellWord(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

function trimEnd(text: string): string {
  return text.replace(/\s+$/, "");
}
