import { z } from "zod";
import { type ChatToolCall, type ChatTurn, chatToSteps, isObject, parseArguments, recordMeta } from "./chat-steps";
import { type HeadValue, type JsonRecord, expectRecord, headHoldsRecords, headKey, readJsonRecords } from "./json-records";
import type { FileImporter, NormalizedTrajectory } from "./types";

/*
 * ShareGPT as LLaMA-Factory reads it (data/README.md, "Sharegpt Format"): a JSON array (or JSONL)
 * of `{"conversations": [{"from", "value"}], "system"?, "tools"?}`. Roles are `human` and
 * `observation` in odd positions, `gpt` and `function_call` in even ones; a `function_call` value
 * is JSON `{"name", "arguments"}`, or a list of them for parallel calls (LLaMA-Factory's
 * FunctionFormatter reads both), and the `observation`s after it are those calls' results, in order.
 */

/** LLaMA-Factory's default tags, plus the role names some ShareGPT exports use instead. */
const FROM = {
  system: "system",
  human: "user",
  user: "user",
  gpt: "assistant",
  assistant: "assistant",
  function_call: "call",
  observation: "result",
  tool: "result",
} as const;
const FROM_VALUES = Object.keys(FROM) as (keyof typeof FROM)[];

const Turn = z.object({ from: z.enum(FROM_VALUES), value: z.unknown() });
const conversationRecord = (key: string) => z.object({ [key]: z.array(Turn).min(1), system: z.string().nullish() }).passthrough();

type Counters = { badCalls: number };

function shareGptTrajectory(record: JsonRecord, path: string): NormalizedTrajectory {
  // LLaMA-Factory's default column is `conversations`; `messages` is the other common name.
  const key = isObject(record.value) && !("conversations" in record.value) && "messages" in record.value ? "messages" : "conversations";
  const parsed = expectRecord(conversationRecord(key), record, path, "ShareGPT record") as Record<string, unknown> & { system?: string | null };
  const conversation = parsed[key] as z.infer<typeof Turn>[];
  const counters: Counters = { badCalls: 0 };
  const turns = toTurns(conversation, parsed.system ?? null, counters);
  const { steps, warnings } = chatToSteps(turns);
  if (counters.badCalls) warnings.push(`${counters.badCalls} function_call values are not JSON {"name", "arguments"}: kept as text actions`);
  const firstUser = turns.find((t) => t.role === "user");
  return { ...recordMeta(parsed, firstUser?.text ?? null), steps, warnings, key: record.key };
}

function toTurns(conversation: z.infer<typeof Turn>[], system: string | null, counters: Counters): ChatTurn[] {
  const turns: ChatTurn[] = system?.trim() ? [{ role: "system", text: system }] : [];
  // Results are matched to the calls of the latest function_call turn by position: the calls get
  // ids here so that a surplus result never lands on an older turn's unanswered call.
  let open: string[] = [];
  let orphan = 0;
  for (const [index, { from, value }] of conversation.entries()) {
    const text = typeof value === "string" ? value : value === null || value === undefined ? null : JSON.stringify(value);
    const role = FROM[from];
    if (role === "system" || role === "user") turns.push({ role, text });
    else if (role === "assistant") turns.push({ role: "assistant", text, calls: [] });
    else if (role === "call") {
      const calls = parseCalls(value, counters).map((call, i) => ({ ...call, id: `${index}:${i}` }));
      open = calls.map((c) => c.id);
      const previous = turns.at(-1);
      // A gpt turn right before the call (not LLaMA-Factory's alternation, but common) is its thought.
      if (previous?.role === "assistant" && previous.calls.length === 0) previous.calls = calls;
      else turns.push({ role: "assistant", text: null, calls });
    } else {
      // Extra results after the last call join its observation; results before any call are orphans.
      const callId = open.length > 1 ? open.shift()! : (open[0] ?? `orphan:${orphan++}`);
      turns.push({ role: "tool", callId, text });
    }
  }
  return turns;
}

function parseCalls(value: unknown, counters: Counters): ChatToolCall[] {
  let parsed = value;
  if (typeof value === "string") {
    const { args, ok } = parseArguments(value);
    if (!ok) {
      counters.badCalls++;
      return [{ name: null, args: value }];
    }
    parsed = args;
  }
  const items = Array.isArray(parsed) ? parsed : [parsed];
  return items.map((item) => {
    if (!isObject(item) || typeof item.name !== "string") {
      counters.badCalls++;
      return { name: null, args: item };
    }
    const { args, ok } = parseArguments(item.arguments ?? item.parameters);
    if (!ok) counters.badCalls++;
    return { name: item.name, args };
  });
}

function isShareGptRecord(value: HeadValue | undefined): boolean {
  const list = headKey(value, "conversations") ?? headKey(value, "messages");
  const from = headKey(list?.type === "array" ? list.first : undefined, "from");
  return from?.type === "string" && (FROM_VALUES as string[]).includes(from.value);
}

export const shareGptImporter: FileImporter = {
  format: "sharegpt",
  label: "ShareGPT conversations (LLaMA-Factory)",
  detect: (head) => headHoldsRecords(head, isShareGptRecord),
  async parse(file) {
    const records = await readJsonRecords(file);
    return { trajectories: records.map((r) => shareGptTrajectory(r, file.path)), warnings: [] };
  },
};
