import { z } from "zod";
import { type ChatTurn, chatToSteps, isObject, resolvedFrom } from "./chat-steps";
import { JSON_LIMITS, parseJsonBytes, tooLarge } from "./json-records";
import { cleanText, expectShape } from "./read-json";
import { type FileImporter, type NormalizedTrajectory, type ParsedSource, SourceError, type VirtualFile } from "./types";
import { type ZipEntry, listZip } from "./zip";

/*
 * Inspect AI eval logs (UK AISI): `.eval` zips (`header.json`, `samples/<id>_epoch_<n>.json`,
 * `summaries.json`, `reductions.json`, `_journal/`) and `.json` documents (`version`, `status`,
 * `eval`, `plan`, `results`, `stats`, `samples`). Each sample (one epoch of one dataset item) is
 * one trajectory. Only what is read is checked; unknown fields are ignored.
 */

const Usage = z.object({
  input_tokens: z.number().nullish(),
  output_tokens: z.number().nullish(),
  input_tokens_cache_read: z.number().nullish(),
  total_cost: z.number().nullish(),
});
const Content = z.union([z.string(), z.array(z.object({ type: z.string() }).passthrough())]);
const ToolCall = z.object({ id: z.string().nullish(), function: z.string(), arguments: z.unknown().optional(), parse_error: z.string().nullish() });
const Message = z.object({
  role: z.enum(["system", "user", "assistant", "tool"]),
  content: Content,
  // "input" for messages of the dataset (few-shot turns included): not the model's own work.
  source: z.string().nullish(),
  tool_calls: z.array(ToolCall).nullish(),
  tool_call_id: z.union([z.string(), z.array(z.string())]).nullish(),
  function: z.string().nullish(),
  error: z.object({ type: z.string().nullish(), message: z.string().nullish() }).nullish(),
});
type Message = z.infer<typeof Message>;
const Score = z.object({ value: z.unknown() });
const Sample = z.object({
  id: z.union([z.string(), z.number()]),
  epoch: z.number().int(),
  input: z.union([z.string(), z.array(Message)]),
  messages: z.array(Message).nullish(),
  scores: z.record(z.string(), Score).nullish(),
  model_usage: z.record(z.string(), Usage).nullish(),
  started_at: z.string().nullish(),
  completed_at: z.string().nullish(),
  total_time: z.number().nullish(),
  uuid: z.string().nullish(),
  error: z.object({ message: z.string() }).nullish(),
  limit: z.object({ type: z.string(), limit: z.number().nullish() }).nullish(),
  attachments: z.record(z.string(), z.string()).nullish(),
});
type Sample = z.infer<typeof Sample>;
const Status = z.enum(["started", "success", "cancelled", "error"]);
const Header = z.object({
  version: z.number().nullish(),
  status: Status.nullish(),
  eval: z.object({
    task: z.string(),
    model: z.string(),
    packages: z.record(z.string(), z.string()).nullish(),
    scorers: z.array(z.object({ name: z.string() })).nullish(),
  }),
  results: z.object({ scores: z.array(z.object({ name: z.string() })).nullish() }).nullish(),
  error: z.object({ message: z.string() }).nullish(),
});
type Header = z.infer<typeof Header>;
const JsonLog = Header.extend({ samples: z.array(Sample).nullish() });

/** One sample per zip entry: a .json log too big to read whole is readable as .eval. */
const CONVERT = "convert it to an .eval log with `inspect log convert --to eval`";

/** Inspect's key for the single scorer's score before the log knows the scorer's name. */
const SCORER_PLACEHOLDER = "88F74D2C";

/** Entry names only Inspect writes (the local header of a zip's first entry is in its head). */
const EVAL_ENTRY = /PK\u0003\u0004[\s\S]{6,26}(_journal\/start\.json|header\.json|samples\/[^\u0000-\u001f/]+_epoch_\d+\.json)/;
/** The fields an Inspect JSON log starts with, in the order Inspect writes them (it relies on it too). */
const JSON_LOG = /^\uFEFF?\s*\{\s*"version"\s*:\s*\d+\s*,\s*"status"\s*:\s*"(started|success|cancelled|error)"\s*,\s*"eval"\s*:\s*\{/;

export const inspectImporter: FileImporter = {
  format: "inspect",
  label: "Inspect AI eval log (.eval, .json)",
  // A zip is claimed by Inspect's entry names; an unrecognizable zip only when named `.eval`.
  detect: (head, path) => (head.startsWith("PK\u0003\u0004") ? EVAL_ENTRY.test(head) || /\.eval$/i.test(path) : JSON_LOG.test(head)),
  async parse(file) {
    const bytes = await file.read();
    const log = bytes.subarray(0, 4).toString("latin1") === "PK\u0003\u0004" ? await readEvalZip(bytes, file) : readJsonLog(bytes, file);
    const warnings = logWarnings(log.header);
    if (log.samples.length === 0) warnings.push("the log holds no samples (was it written with log_samples off?)");
    return { trajectories: log.samples.map((sample) => sampleTrajectory(sample, log.header)), warnings } satisfies ParsedSource;
  },
};

type Log = { header: Header; samples: Sample[] };

function readJsonLog(bytes: Buffer, file: VirtualFile): Log {
  const value = parseJsonBytes(bytes, file.path, { maxBytes: JSON_LIMITS.documentBytes, what: "the JSON log", hint: CONVERT });
  const { samples, ...header } = expectShape(JsonLog, value, file.path, "Inspect eval log");
  return { header, samples: samples ?? [] };
}

async function readEvalZip(bytes: Buffer, file: VirtualFile): Promise<Log> {
  const entries = new Map<string, ZipEntry>();
  // Python's zipfile appends rather than replaces: of duplicate names, the last one is current.
  for (const entry of await listZip(bytes, file.path)) entries.set(entry.name, entry);
  const json = async (entry: ZipEntry) => {
    const where = `${file.path}!${entry.name}`;
    // Checked on the declared size too, so an oversized sample is not inflated first.
    if (entry.size > JSON_LIMITS.documentBytes) throw tooLarge(where, "the entry", entry.size, JSON_LIMITS.documentBytes);
    return parseJsonBytes(await entry.read(), where, { maxBytes: JSON_LIMITS.documentBytes, what: "the entry" });
  };

  // header.json is written when the eval finishes; before that only the journal's start.json
  // exists. Logs from before the journal kept start.json and results.json at the top.
  const headerEntry = entries.get("header.json") ?? entries.get("_journal/start.json") ?? entries.get("start.json");
  if (!headerEntry) throw new SourceError(file.path, "not an Inspect log: the archive has no header.json or _journal/start.json");
  let headerValue = await json(headerEntry);
  const results = entries.get("results.json");
  if (headerEntry.name === "start.json" && results) {
    const finished = await json(results);
    if (isObject(headerValue) && isObject(finished)) headerValue = { ...headerValue, ...finished };
  }
  const header = expectShape(Header, headerValue, `${file.path}!${headerEntry.name}`, "Inspect log header");

  const samples: Sample[] = [];
  for (const entry of entries.values()) {
    // As Inspect reads them: any JSON under samples/ (an id with a "/" makes a subdirectory).
    if (!entry.name.startsWith("samples/") || !entry.name.endsWith(".json")) continue;
    samples.push(expectShape(Sample, await json(entry), `${file.path}!${entry.name}`, "Inspect sample"));
  }
  // Inspect's own order: by epoch, then by id (numbers before names, numerically).
  const idKey = (id: string | number) => (typeof id === "number" ? String(id).padStart(20, "0") : id);
  samples.sort((a, b) => a.epoch - b.epoch || (idKey(a.id) < idKey(b.id) ? -1 : idKey(a.id) > idKey(b.id) ? 1 : 0));
  return { header, samples };
}

function logWarnings(header: Header): string[] {
  switch (header.status) {
    case "error":
      return [`the eval ended with an error${header.error ? `: ${firstLine(header.error.message)}` : ""}`];
    case "cancelled":
      return ["the eval was cancelled: samples that had not finished are missing"];
    case "started":
    case undefined:
    case null:
      return ["the log is incomplete (the eval had not finished): samples that had not finished are missing"];
    default:
      return [];
  }
}

function sampleTrajectory(sample: Sample, header: Header): NormalizedTrajectory {
  const attachments = sample.attachments ?? {};
  const resolve = (text: string) => (text.startsWith("attachment://") ? (attachments[text.slice("attachment://".length)] ?? text) : text);
  const { turns, parseErrors } = toTurns(sample.messages ?? [], resolve);
  const { steps, warnings } = chatToSteps(turns);
  if (parseErrors) warnings.push(`${parseErrors} tool calls had arguments the model wrote as invalid JSON`);

  // The same tag the ATIF importer gives replies the harness could not parse.
  const failureTags: string[] = parseErrors ? ["parse-errors"] : [];
  if (sample.error) {
    warnings.push(`the sample stopped with an error: ${firstLine(sample.error.message)}`);
    failureTags.push("error");
  }
  if (sample.limit) {
    warnings.push(`the sample hit its ${sample.limit.type} limit${sample.limit.limit === null || sample.limit.limit === undefined ? "" : ` (${sample.limit.limit})`}`);
    failureTags.push(sample.limit.type === "time" || sample.limit.type === "working" ? "timeout" : `${sample.limit.type}-limit`);
  }

  const outcome = outcomeOf(sample, header, warnings);
  const usage = Object.values(sample.model_usage ?? {});
  const total = (key: keyof z.infer<typeof Usage>) => {
    const values = usage.map((u) => u[key]).filter((v): v is number => typeof v === "number");
    return values.length ? values.reduce((a, b) => a + b, 0) : null;
  };
  const model = header.eval.model;
  const input = typeof sample.input === "string" ? resolve(sample.input) : sample.input.filter((m) => m.role === "user").map((m) => contentOf(m, resolve).text).join("\n\n");

  return {
    agent: {
      name: model.slice(0, 200),
      model: model.slice(0, 200),
      harness: "inspect",
      version: header.eval.packages?.inspect_ai?.slice(0, 100) ?? null,
      provider: model.includes("/") ? model.split("/")[0]!.slice(0, 100) : null,
    },
    // Samples of one Inspect task are different problems: each is a task of its own, and the
    // epochs of a sample are attempts at the same task.
    task: { name: `${header.eval.task}/${sample.id}`, instruction: cleanText(input), source: "inspect" },
    sessionId: sample.uuid ?? null,
    ...outcome,
    startedAt: dateOf(sample.started_at),
    endedAt: dateOf(sample.completed_at),
    durationMs: typeof sample.total_time === "number" && sample.total_time >= 0 ? Math.round(sample.total_time * 1000) : null,
    promptTokens: total("input_tokens"),
    completionTokens: total("output_tokens"),
    cachedTokens: total("input_tokens_cache_read"),
    costUsd: total("total_cost"),
    steps,
    failureTags,
    warnings,
    key: `${sample.id}:${sample.epoch}`,
  };
}

function toTurns(messages: Message[], resolve: (text: string) => string): { turns: ChatTurn[]; parseErrors: number } {
  let parseErrors = 0;
  const turns = messages.map((message): ChatTurn => {
    const { text, reasoning } = contentOf(message, resolve);
    switch (message.role) {
      case "system":
      case "user":
        return { role: message.role, text };
      case "assistant":
        return {
          role: "assistant",
          text: text.trim() ? text : reasoning,
          trainable: message.source !== "input",
          calls: (message.tool_calls ?? []).map((call) => {
            if (call.parse_error) parseErrors++;
            return { id: call.id, name: call.function, args: resolveDeep(call.arguments ?? {}, resolve) };
          }),
        };
      case "tool": {
        const error = message.error ? `Error (${message.error.type ?? "unknown"}): ${message.error.message ?? ""}`.trim() : null;
        const callId = typeof message.tool_call_id === "string" ? message.tool_call_id : null;
        return { role: "tool", callId, name: message.function, text: [text, error].filter(Boolean).join("\n") };
      }
    }
  });
  return { turns, parseErrors };
}

/** Text parts joined; reasoning apart (a fallback thought); images and the like as placeholders. */
function contentOf(message: Message, resolve: (text: string) => string): { text: string; reasoning: string | null } {
  if (typeof message.content === "string") return { text: resolve(message.content), reasoning: null };
  const text: string[] = [];
  const reasoning: string[] = [];
  for (const part of message.content) {
    if (part.type === "text" && typeof part.text === "string") text.push(resolve(part.text));
    else if (part.type === "reasoning") {
      if (typeof part.reasoning === "string" && !part.redacted) reasoning.push(resolve(part.reasoning));
    } else text.push(`[${part.type}]`);
  }
  return { text: text.join("\n"), reasoning: reasoning.length ? reasoning.join("\n") : null };
}

function resolveDeep(value: unknown, resolve: (text: string) => string): unknown {
  if (typeof value === "string") return resolve(value);
  if (Array.isArray(value)) return value.map((v) => resolveDeep(v, resolve));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveDeep(v, resolve)]));
  return value;
}

/**
 * Reward and resolved from the sample's score, as Inspect's own `value_to_float` reads values:
 * C (correct) 1, P (partial) 0.5, I (incorrect) and N (no answer) 0, yes/true 1, no/false 0, numbers
 * as they are. Resolved means full marks: C, true, or exactly 1 on a [0, 1] score. The scorer is
 * the log's first (by the eval's scorer list); a dict or list value (several metrics) is left out.
 */
function outcomeOf(sample: Sample, header: Header, warnings: string[]): { reward: number | null; resolved: boolean | null } {
  const scores = { ...(sample.scores ?? {}) };
  const firstScorer = header.results?.scores?.[0]?.name;
  if (scores[SCORER_PLACEHOLDER] && firstScorer) {
    scores[firstScorer] = scores[SCORER_PLACEHOLDER];
    delete scores[SCORER_PLACEHOLDER];
  }
  const names = Object.keys(scores);
  if (names.length === 0) return { reward: null, resolved: null };
  const order = (header.eval.scorers ?? header.results?.scores ?? []).map((s) => s.name);
  const name = order.find((n) => n in scores) ?? names[0]!;
  if (names.length > 1) warnings.push(`scored by ${names.length} scorers (${names.join(", ")}): the outcome is "${name}"'s`);

  const value = scores[name]!.value;
  if (typeof value === "boolean") return { reward: value ? 1 : 0, resolved: value };
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return { reward: null, resolved: null };
    if (value < 0 || value > 1) warnings.push(`score ${value} of "${name}" is outside [0, 1]: resolved left unknown`);
    return { reward: value, resolved: resolvedFrom(value) };
  }
  if (typeof value === "string") {
    const letter = { C: 1, P: 0.5, I: 0, N: 0 }[value.trim()];
    if (letter !== undefined) return { reward: letter, resolved: letter === 1 };
    if (/^(yes|true)$/i.test(value.trim())) return { reward: 1, resolved: true };
    if (/^(no|false)$/i.test(value.trim())) return { reward: 0, resolved: false };
    const number = Number(value);
    if (value.trim() && Number.isFinite(number)) return { reward: number, resolved: resolvedFrom(number) };
  }
  warnings.push(`score of "${name}" is not a single value (${JSON.stringify(value)?.slice(0, 80)}): outcome left unknown`);
  return { reward: null, resolved: null };
}

function dateOf(text: string | null | undefined): Date | null {
  if (!text) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

function firstLine(text: string): string {
  return (cleanText(text.trim().split("\n")[0]) ?? "").slice(0, 500);
}
