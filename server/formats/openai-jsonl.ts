import { z } from "zod";
import { type ChatTurn, chatToSteps, parseArguments, partsText, recordMeta } from "./chat-steps";
import { type HeadValue, type JsonRecord, expectRecord, headHoldsRecords, headKey, readJsonRecords } from "./json-records";
import type { FileImporter, NormalizedTrajectory } from "./types";

/*
 * OpenAI chat JSONL (`{"messages": [...], "tools": [...]}` per line, as TRL and OpenAI
 * fine-tuning take it). Reading records and recognizing them are in json-records.ts, turning a
 * conversation into steps in chat-steps.ts.
 */

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
