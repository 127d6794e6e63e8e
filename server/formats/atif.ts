import path from "node:path/posix";
import type { StepInput } from "../trajectories/trajectory-input";
import { type AtifDocument, type AtifStep, AtifDocument as AtifShape } from "./atif-schema";
import { recoverRawCommands } from "./atif-raw-content";
import { cleanText, decodeText, expectShape, parseJson } from "./read-json";
import type { FileImporter, FileLookup, NormalizedTrajectory, VirtualFile } from "./types";

/** Terminus-2 says this when it could not parse the model's reply: nothing in it was executed. */
const PARSE_ERROR = /previous response had (parsing )?errors/i;

export const atifImporter: FileImporter = {
  format: "atif",
  label: "ATIF (Harbor / Terminal-Bench 2.0)",
  detect: (head) => /"schema_version"\s*:\s*"ATIF-v1/.test(head),
  async parse(file, siblings) {
    const doc = await readAtif(file);
    return { trajectories: [await atifToTrajectory(doc, file, siblings)], warnings: [] };
  },
};

export async function readAtif(file: VirtualFile): Promise<AtifDocument> {
  const json = parseJson(decodeText(await file.read(), file.path), file.path);
  return expectShape(AtifShape, json, file.path, "ATIF trajectory");
}

export async function atifToTrajectory(doc: AtifDocument, file: VirtualFile, siblings: FileLookup): Promise<NormalizedTrajectory> {
  const warnings: string[] = [];
  const counters = { recovered: 0, parseErrors: 0, copiedSkipped: 0 };
  const steps: StepInput[] = [];

  for (const [index, step] of doc.steps.entries()) {
    steps.push(...convertStep(step, counters));
    for (const ref of subagentRefs(step)) {
      const sub = await loadCompanion(file, ref, siblings, `subagent trajectory referenced by step ${step.step_id ?? index + 1}`, warnings);
      if (sub) steps.push(...sub.steps.flatMap((s) => (s.is_copied_context ? (counters.copiedSkipped++, []) : convertStep(s, counters))));
    }
  }
  const continuation = doc.continued_trajectory_ref;
  if (continuation) {
    const ref = typeof continuation === "string" ? continuation : continuation.trajectory_path;
    const cont = ref ? await loadCompanion(file, ref, siblings, "continuation", warnings) : undefined;
    if (cont) steps.push(...cont.steps.flatMap((s) => convertStep(s, counters)));
  }

  if (counters.recovered) warnings.push(`raw-content mode: ${plural(counters.recovered, "command")} recovered from message text`);
  if (counters.parseErrors) warnings.push(`${plural(counters.parseErrors, "agent reply", "agent replies")} could not be parsed by the harness (nothing in them ran)`);
  if (counters.copiedSkipped) warnings.push(`${plural(counters.copiedSkipped, "copied-context step")} of subagents left out (they repeat the parent's steps)`);

  const totals = doc.final_metrics;
  const stamps = doc.steps.map((s) => s.timestamp).filter((t): t is string => Boolean(t));
  return {
    agent: doc.agent ? { name: doc.agent.name, version: doc.agent.version, model: doc.agent.model_name, harness: "harbor" } : null,
    task: taskOf(doc, file),
    sessionId: doc.session_id,
    promptTokens: totals?.total_prompt_tokens ?? sum(doc.steps, "prompt_tokens"),
    completionTokens: totals?.total_completion_tokens ?? sum(doc.steps, "completion_tokens"),
    cachedTokens: totals?.total_cached_tokens ?? sum(doc.steps, "cached_tokens"),
    costUsd: totals?.total_cost_usd ?? sum(doc.steps, "cost_usd"),
    startedAt: stamps.length ? validDate(stamps[0]!) : null,
    endedAt: stamps.length ? validDate(stamps.at(-1)!) : null,
    steps,
    failureTags: [
      ...(counters.parseErrors ? ["parse-errors"] : []),
      // An ATIF file is written by the agent's harness: no agent step means the agent never acted.
      ...(steps.some((s) => s.source === "agent") ? [] : ["agent-never-ran"]),
    ],
    warnings,
  };
}

/** One ATIF step → one step per action: each tool call, or the commands recovered from raw text. */
function convertStep(step: AtifStep, counters: { recovered: number; parseErrors: number }): StepInput[] {
  const startedAt = step.timestamp ? validDate(step.timestamp) : null;
  const text = cleanText(contentText(step.message));
  if (step.source !== "agent") {
    return [{ source: step.source, startedAt, observation: text, trainable: false }];
  }
  const trainable = !(step.is_copied_context || step.llm_call_count === 0);
  const thought = text || cleanText(step.reasoning_content);
  const results = step.observation?.results ?? [];
  const outputOf = (callId: string | null | undefined, last: boolean) => {
    const matched = results.filter((r) => callId && r.source_call_id === callId);
    const chosen = matched.length ? matched : last ? results.filter((r) => !r.source_call_id) : [];
    return chosen.length ? cleanText(chosen.map((r) => contentText(r.content)).join("\n")) : null;
  };

  const calls = step.tool_calls ?? [];
  if (calls.length > 0) {
    return calls.map((call, i) => {
      const args = (call.arguments ?? {}) as Record<string, unknown>;
      const keystrokes = typeof args.keystrokes === "string" ? cleanText(args.keystrokes) : null;
      return {
        source: "agent" as const,
        startedAt,
        thought: i === 0 ? thought : null,
        toolName: call.function_name,
        toolArgs: call.arguments,
        action: keystrokes !== null ? keystrokes.replace(/\r?\n$/, "") : renderCall(call.function_name, args),
        keystrokes,
        observation: outputOf(call.tool_call_id, i === calls.length - 1),
        trainable,
      };
    });
  }

  const observation = outputOf(null, true);
  if (observation && PARSE_ERROR.test(observation)) {
    counters.parseErrors++;
    return [{ source: "agent", startedAt, thought, observation, trainable }];
  }
  const recovered = recoverRawCommands(text ?? "");
  if (recovered.length === 0) return [{ source: "agent", startedAt, thought, observation, trainable }];
  counters.recovered += recovered.length;
  return recovered.map((keystrokes, i) => ({
    source: "agent" as const,
    startedAt,
    thought: i === 0 ? thought : null,
    toolName: "keystrokes",
    action: keystrokes.replace(/\r?\n$/, ""),
    keystrokes,
    observation: i === recovered.length - 1 ? observation : null,
    trainable,
  }));
}

function renderCall(name: string, args: Record<string, unknown>): string {
  const shown = Object.entries(args).map(([k, v]) => `${k}=${typeof v === "string" ? JSON.stringify(v) : JSON.stringify(v)}`);
  return shown.length ? `${name}(${shown.join(", ")})` : name;
}

/** ATIF message/content fields are a string, or a list of parts with text. */
export function contentText(content: unknown): string | null {
  if (content === null || content === undefined) return null;
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content.map((part) => (typeof part === "string" ? part : typeof part?.text === "string" ? part.text : "")).join("");
  }
  return JSON.stringify(content);
}

function subagentRefs(step: AtifStep): string[] {
  return (step.observation?.results ?? []).flatMap((r) => r.subagent_trajectory_ref ?? []).flatMap((ref) => (ref.trajectory_path ? [ref.trajectory_path] : []));
}

/**
 * Subagent and continuation files are named after the main file: harbor writes `trajectory.json`
 * and refers to `trajectory.summarization-1-summary.json`; a renamed main file
 * (`run-7.trajectory.json`) keeps the suffix (`run-7.trajectory.summarization-1-summary.json`).
 */
export function companionPaths(mainRel: string, ref: string): string[] {
  const dir = path.dirname(mainRel);
  const base = path.basename(mainRel);
  const candidates = [path.join(dir, ref)];
  if (ref.startsWith("trajectory.") && base.endsWith("trajectory.json")) {
    candidates.push(path.join(dir, base.slice(0, -"trajectory.json".length) + ref));
  }
  return candidates;
}

/**
 * The companions (subagent/continuation files) among ATIF files: those whose name extends another
 * one's (`x.trajectory.cont-1.json` beside `x.trajectory.json`). Linear in the number of files.
 */
export function atifCompanions(rels: string[]): Set<string> {
  const stems = new Set(rels.map((r) => r.slice(0, -".json".length)));
  const companions = new Set<string>();
  for (const rel of rels) {
    const stem = rel.slice(0, -".json".length);
    const nameStart = stem.lastIndexOf("/") + 1;
    for (let dot = stem.indexOf(".", nameStart); dot !== -1; dot = stem.indexOf(".", dot + 1)) {
      if (stems.has(stem.slice(0, dot))) {
        companions.add(rel);
        break;
      }
    }
  }
  return companions;
}

async function loadCompanion(file: VirtualFile, ref: string, siblings: FileLookup, what: string, warnings: string[]) {
  const found = companionPaths(file.rel, ref).map((rel) => siblings.get(rel)).find(Boolean);
  if (!found) {
    warnings.push(`${what} "${ref}" not found next to the file: its steps are missing`);
    return undefined;
  }
  return readAtif(found);
}

/** The task: Terminus-2 puts the instruction after "Task Description:" in the first user message. */
function taskOf(doc: AtifDocument, file: VirtualFile) {
  const prompt = contentText(doc.steps.find((s) => s.source === "user")?.message) ?? "";
  const match = /Task Description:\s*\n([\s\S]*?)(?:\n\s*Current terminal state:|$)/.exec(prompt);
  const stem = path.basename(file.rel).replace(/\.json$/, "").replace(/\.?trajectory$/, "");
  // `agent/trajectory.json` inside a trial directory: the trial directory names the task.
  const name = stem || path.basename(path.dirname(path.dirname(file.rel))) || "unknown-task";
  return { name, instruction: match ? cleanText(match[1]!.trim()) : null };
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function sum(steps: AtifStep[], key: "prompt_tokens" | "completion_tokens" | "cached_tokens" | "cost_usd"): number | null {
  const values = steps.map((s) => s.metrics?.[key]).filter((v): v is number => typeof v === "number");
  return values.length ? values.reduce((a, b) => a + b, 0) : null;
}

function validDate(text: string): Date | null {
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}
