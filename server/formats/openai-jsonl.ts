import { z } from "zod";
import type { StepInput } from "../trajectories/trajectory-input";
import { cleanText, decodeText, expectShape, parseJson } from "./read-json";
import { type FileImporter, type NormalizedTrajectory, SourceError, type VirtualFile } from "./types";

/*
 * OpenAI chat JSONL (`{"messages": [...], "tools": [...]}` per line, as TRL and OpenAI
 * fine-tuning take it), and the pieces every chat-shaped format shares: reading JSON records
 * within limits, recognizing them from a file's first bytes, and turning a conversation into
 * steps (one per tool call). The Inspect and ShareGPT importers use these too.
 */

const MiB = 1024 * 1024;

/**
 * Limits, so that a hostile or broken file fails with a sentence instead of exhausting memory:
 * one JSONL line (one trajectory) at most 64 MiB; a whole-file JSON document at most 256 MiB
 * (V8 strings end near 512 MiB, and parsing needs several times the text); a JSONL file at most
 * 1 GiB (it is read line by line, never decoded whole); nesting at most 512 levels (V8 parses
 * deeper JSON, but stringifying it again, for jsonb or a rendering, overflows the stack).
 */
export const JSON_LIMITS = { recordBytes: 64 * MiB, documentBytes: 256 * MiB, jsonlBytes: 1024 * MiB, depth: 512 };

// ---------------------------------------------------------------------------------------------
// Reading records

/** One JSON value of a file: a JSONL line, an element of a top-level array, or the whole file. */
export type JsonRecord = {
  value: unknown;
  /** Line number (JSONL) or array index: distinguishes the trajectories of one file. */
  key: string;
  /** Where this record is, for messages: `line 3`, `[2]`. */
  where: string;
};

/** Parses JSON bytes after checking size, encoding and nesting; errors name the line if given. */
export function parseJsonBytes(bytes: Buffer, path: string, opts: { line?: number; maxBytes: number; what: string; hint?: string }): unknown {
  const at = opts.line === undefined ? undefined : `line ${opts.line}`;
  if (bytes.length > opts.maxBytes) throw tooLarge(path, opts.what, bytes.length, opts.maxBytes, opts.hint, at);
  let text: string;
  try {
    text = decodeText(bytes, path);
  } catch (error) {
    // decodeText counts lines within `bytes`; place them in the file.
    if (!(error instanceof SourceError) || opts.line === undefined) throw error;
    const byte = /byte (\d+)/.exec(error.location ?? "")?.[1];
    throw new SourceError(path, error.problem, `line ${opts.line}${byte ? `, byte ${byte} of the line` : ""}`);
  }
  const tooDeep = depthBeyond(bytes, JSON_LIMITS.depth);
  if (tooDeep !== -1) {
    const place = opts.line === undefined ? `byte ${tooDeep}` : `line ${opts.line}, byte ${tooDeep} of the line`;
    throw new SourceError(path, `JSON nested more than ${JSON_LIMITS.depth} levels deep`, place);
  }
  return parseJson(text, path, (opts.line ?? 1) - 1);
}

/**
 * The records of a JSONL file, or of a file holding one JSON array of records. Blank lines are
 * skipped; any bad line fails the whole file (a file is imported all or nothing).
 */
export async function readJsonRecords(file: VirtualFile): Promise<JsonRecord[]> {
  if (file.size > JSON_LIMITS.jsonlBytes) throw tooLarge(file.path, "the file", file.size, JSON_LIMITS.jsonlBytes, "split it");
  const bytes = await file.read();
  const start = firstNonSpace(bytes);
  if (start === -1) throw new SourceError(file.path, bytes.length ? "the file holds only blank lines" : "the file is empty");

  if (bytes[start] === 0x5b /* [ */) {
    const value = parseJsonBytes(bytes, file.path, { maxBytes: JSON_LIMITS.documentBytes, what: "the JSON document", hint: "write it as JSONL, one record per line" });
    if (!Array.isArray(value)) throw new SourceError(file.path, "expected a JSON array of records");
    return value.map((v, i) => ({ value: v, key: `[${i}]`, where: `[${i}]` }));
  }

  const records: JsonRecord[] = [];
  let line = 0;
  for (let from = 0; from < bytes.length; ) {
    line++;
    const newline = bytes.indexOf(0x0a, from);
    const to = newline === -1 ? bytes.length : newline;
    const lineBytes = bytes.subarray(from, to);
    from = to + 1;
    if (firstNonSpace(lineBytes) === -1) continue;
    let value: unknown;
    try {
      value = parseJsonBytes(lineBytes, file.path, { line, maxBytes: JSON_LIMITS.recordBytes, what: "the line" });
    } catch (error) {
      const opening = lineBytes.length < 8 ? lineBytes.toString("utf8").trim() : "";
      if (error instanceof SourceError && records.length === 0 && (opening === "{" || opening === "[")) {
        throw new SourceError(file.path, "not JSONL: each record must be one line (or the file one JSON array)", `line ${line}`);
      }
      throw error;
    }
    records.push({ value, key: String(line), where: `line ${line}` });
  }
  return records;
}

/** `expectShape` for one record, with the record's place in the message. */
export function expectRecord<T extends z.ZodType>(schema: T, record: JsonRecord, path: string, what: string): z.infer<T> {
  try {
    return expectShape(schema, record.value, path, what);
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    const inner = error.location?.replace(/^at /, "") ?? "the top level";
    if (!record.where.startsWith("[")) throw new SourceError(path, error.problem, `${record.where}, at ${inner}`);
    const below = inner === "the top level" ? "" : inner.startsWith("[") ? inner : `.${inner}`;
    throw new SourceError(path, error.problem, `at ${record.where}${below}`);
  }
}

function firstNonSpace(bytes: Buffer): number {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (; i < bytes.length; i++) if (![0x20, 0x09, 0x0a, 0x0d].includes(bytes[i]!)) return i;
  return -1;
}

/** The offset where JSON text nests deeper than `max` (outside strings), or -1. */
export function depthBeyond(bytes: Buffer | string, max: number): number {
  const code = typeof bytes === "string" ? (i: number) => bytes.charCodeAt(i) : (i: number) => bytes[i]!;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const c = code(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return i;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return -1;
}

function sizeOf(n: number): string {
  return n >= MiB ? `${+(n / MiB).toFixed(1)} MiB` : `${n} bytes`;
}

/** "the line is 100 MiB, more than the 64 MiB allowed". */
export function tooLarge(path: string, what: string, size: number, max: number, hint?: string, location?: string): SourceError {
  return new SourceError(path, `${what} is ${sizeOf(size)}, more than the ${sizeOf(max)} allowed${hint ? ` (${hint})` : ""}`, location);
}

// ---------------------------------------------------------------------------------------------
// Recognizing a file from its first bytes

/** What the first bytes of a JSON file show: keys of objects, the first element of arrays. */
export type HeadValue =
  | { type: "object"; keys: Map<string, HeadValue> }
  | { type: "array"; first?: HeadValue }
  | { type: "string"; value: string }
  | { type: "scalar" };

/**
 * Reads the start of a JSON value as far as the head goes (a 64 KiB head often ends inside the
 * first record), without parsing the rest. `multiline` says a line break came inside the first
 * value: pretty-printed JSON, not a JSONL line. Cheap: no value is built beyond a few levels.
 */
export function scanJsonHead(head: string): { value?: HeadValue; multiline: boolean } {
  const scanner = new HeadScanner(head);
  let value: HeadValue | undefined;
  try {
    scanner.start();
    scanner.value((v) => (value = v), 0);
  } catch (signal) {
    if (signal === INVALID) return { multiline: scanner.multiline };
    if (signal !== END) throw signal;
  }
  return { value, multiline: scanner.multiline };
}

const END = Symbol("end of head");
const INVALID = Symbol("not JSON");
const RECORDED_DEPTH = 6;

class HeadScanner {
  i: number;
  multiline = false;
  constructor(private text: string) {
    this.i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  }

  /** Blank lines before the first value do not make it multi-line. */
  start() {
    this.space();
    this.multiline = false;
  }

  value(set: (v: HeadValue) => void, depth: number): void {
    this.space();
    const c = this.text[this.i];
    if (depth > RECORDED_DEPTH) return this.skip();
    if (c === "{") {
      const node: HeadValue = { type: "object", keys: new Map() };
      set(node);
      this.i++;
      if (this.peek() === "}") return void this.i++;
      for (;;) {
        if (this.peek() !== '"') throw INVALID;
        const key = this.string();
        if (this.peek() !== ":") throw INVALID;
        this.i++;
        this.value((v) => node.keys.set(key, v), depth + 1);
        const next = this.peek();
        this.i++;
        if (next === "}") return;
        if (next !== ",") throw INVALID;
      }
    }
    if (c === "[") {
      const node: HeadValue = { type: "array" };
      set(node);
      this.i++;
      if (this.peek() === "]") return void this.i++;
      this.value((v) => (node.first = v), depth + 1);
      // Of a top-level array only the first element is asked about: stop reading there.
      if (depth === 0) return;
      for (;;) {
        const next = this.peek();
        this.i++;
        if (next === "]") return;
        if (next !== ",") throw INVALID;
        this.skip();
      }
    }
    if (c === '"') return set({ type: "string", value: this.string().slice(0, 200) });
    const scalar = /^(-?\d[\d.eE+-]*|true|false|null)/.exec(this.text.slice(this.i, this.i + 64));
    if (!scalar) throw this.i >= this.text.length ? END : INVALID;
    this.i += scalar[0].length;
    set({ type: "scalar" });
  }

  /** Skips one value without recording it (iteratively: nesting depth is not bounded here). */
  private skip() {
    let depth = 0;
    do {
      const c = this.peek();
      if (c === '"') this.skipString();
      else if (c === "{" || c === "[" || c === "}" || c === "]" || c === "," || c === ":") {
        this.i++;
        if (c === "{" || c === "[") depth++;
        else if (c === "}" || c === "]") depth--;
      } else {
        // A number or literal: only its end matters here.
        const end = this.text.slice(this.i, this.i + 64).search(/[\s,\]}:]/);
        if (end <= 0) throw end === -1 && this.text.length - this.i < 64 ? END : INVALID;
        this.i += end;
      }
    } while (depth > 0);
  }

  private string(): string {
    const start = this.i;
    this.skipString();
    try {
      return JSON.parse(this.text.slice(start, this.i)) as string;
    } catch {
      throw INVALID;
    }
  }

  private skipString() {
    for (this.i++; this.i < this.text.length; this.i++) {
      const c = this.text[this.i];
      if (c === "\\") this.i++;
      else if (c === '"') return void this.i++;
    }
    throw END;
  }

  private peek(): string {
    this.space();
    if (this.i >= this.text.length) throw END;
    return this.text[this.i]!;
  }

  private space() {
    for (; this.i < this.text.length; this.i++) {
      const c = this.text[this.i];
      if (c === "\n") this.multiline = true;
      else if (c !== " " && c !== "\t" && c !== "\r") return;
    }
  }
}

/**
 * Whether the head shows records (a JSONL line, or elements of a top-level array) that `isRecord`
 * accepts. A pretty-printed single object is not JSONL, so it is not claimed.
 */
export function headHoldsRecords(head: string, isRecord: (value: HeadValue | undefined) => boolean): boolean {
  const { value, multiline } = scanJsonHead(head);
  if (value?.type === "array") return isRecord(value.first);
  return !multiline && isRecord(value);
}

/** `value.key` if `value` is an object (from a head scan). */
export function headKey(value: HeadValue | undefined, key: string): HeadValue | undefined {
  return value?.type === "object" ? value.keys.get(key) : undefined;
}

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

// ---------------------------------------------------------------------------------------------
// OpenAI chat JSONL

const ROLES = ["system", "developer", "user", "assistant", "tool", "function"] as const;

const Content = z.union([z.string(), z.array(z.unknown()), z.null()]).optional();
const OpenAiToolCall = z.object({
  id: z.string().nullish(),
  type: z.string().nullish(),
  function: z.object({ name: z.string(), arguments: z.unknown().optional() }),
});
const OpenAiMessage = z.object({
  role: z.enum(ROLES),
  content: Content,
  name: z.string().nullish(),
  tool_calls: z.array(OpenAiToolCall).nullish(),
  tool_call_id: z.string().nullish(),
  // The deprecated single-call form, still in older datasets.
  function_call: z.object({ name: z.string(), arguments: z.unknown().optional() }).nullish(),
  // Reasoning as vLLM / DeepSeek return it.
  reasoning_content: z.string().nullish(),
  reasoning: z.string().nullish(),
  // OpenAI fine-tuning: 0 marks an assistant message not to train on.
  weight: z.number().nullish(),
});
const OpenAiRecord = z.object({ messages: z.array(OpenAiMessage).min(1) }).passthrough();

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

function openAiTrajectory(record: JsonRecord, path: string): NormalizedTrajectory {
  const { messages, ...rest } = expectRecord(OpenAiRecord, record, path, "OpenAI chat record");
  let badArguments = 0;
  const turns: ChatTurn[] = messages.map((m): ChatTurn => {
    const text = partsText(m.content);
    if (m.role === "system" || m.role === "developer") return { role: "system", text };
    if (m.role === "user") return { role: "user", text };
    if (m.role === "tool" || m.role === "function") return { role: "tool", callId: m.tool_call_id, name: m.name, text };
    const calls = [...(m.tool_calls ?? []).map((c) => ({ id: c.id, ...c.function })), ...(m.function_call ? [{ id: null, ...m.function_call }] : [])];
    return {
      role: "assistant",
      text: text?.trim() ? text : (m.reasoning_content ?? m.reasoning ?? null),
      trainable: m.weight !== 0,
      calls: calls.map((c) => {
        const { args, ok } = parseArguments(c.arguments);
        if (!ok) badArguments++;
        return { id: c.id, name: c.name, args };
      }),
    };
  });
  const { steps, warnings } = chatToSteps(turns);
  if (badArguments) warnings.push(`${badArguments} tool calls have arguments that are not valid JSON (kept as text)`);
  const firstUser = turns.find((t) => t.role === "user");
  return { ...recordMeta(rest, firstUser?.text ?? null), steps, warnings, key: record.key };
}

function isOpenAiRecord(value: HeadValue | undefined): boolean {
  const first = headKey(value, "messages");
  const role = headKey(first?.type === "array" ? first.first : undefined, "role");
  return role?.type === "string" && (ROLES as readonly string[]).includes(role.value) && !headKey(value, "trajectory_format");
}

export const openaiJsonlImporter: FileImporter = {
  format: "openai",
  label: "OpenAI chat messages (JSONL)",
  // A `messages` list of `role` objects per line (mini-swe-agent files, also `messages`, are
  // pretty-printed single documents with `trajectory_format`, and are not claimed).
  detect: (head) => headHoldsRecords(head, isOpenAiRecord),
  async parse(file) {
    const records = await readJsonRecords(file);
    return { trajectories: records.map((r) => openAiTrajectory(r, file.path)), warnings: [] };
  },
};
