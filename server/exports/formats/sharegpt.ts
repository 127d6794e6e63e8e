import type { ExportTrajectory } from "../export-trajectory";
import { type ExportResult, SKIP_NO_AGENT, type Turn, toConversation } from "./conversation";
import { type ToolCall, toolSchemas } from "./tool-calls";

/*
 * ShareGPT as LLaMA-Factory reads it (hiyouga/LLaMA-Factory data/README.md, "Sharegpt Format"):
 * `{"conversations": [{"from", "value"}], "system", "tools"}`, where "the human and observation
 * should appear in odd positions, while gpt and function should appear in even positions", and
 * SharegptDatasetConverter (src/llamafactory/data/converter.py) drops a conversation whose roles
 * break that or whose length is odd. So: strictly alternating, starting with `human`, ending on
 * `gpt` or `function_call`. Mapped from conversation.ts's turns:
 * - user → human, tool result → observation, assistant text → gpt, assistant call → function_call
 *   with the value `{"name", "arguments"}` as JSON (FunctionFormatter json.loads it);
 * - a user turn right after a result (harness text after a command) is joined into that
 *   observation: two user-side turns in a row would break the alternation;
 * - results after the last assistant turn are dropped (the conversation must end on the assistant);
 * - a thought before a call cannot be its own gpt turn (two assistant-side turns in a row). With
 *   `thoughts: "think"` (the default) it is kept in the function_call value as a
 *   `<think>\n…\n</think>\n\n` prefix, which FunctionFormatter cuts out with the template's
 *   thought_words (default ("<think>\n", "\n</think>\n\n"); older releases "<think>"/"</think>",
 *   which match it too) and puts back before the formatted call, so the model learns to reason then
 *   call. LLaMA-Factory releases without that step reject the prefix: `thoughts: "drop"` leaves it out.
 * - `system` is the system prompt ("" without one); `tools` the tool schemas as a JSON string.
 */

export type ShareGptTurn = { from: "human" | "gpt" | "function_call" | "observation"; value: string };
export type ShareGptRecord = { conversations: ShareGptTurn[]; system: string; tools: string };
export type ShareGptOptions = { thoughts?: "think" | "drop" };

const USER_SIDE = new Set<ShareGptTurn["from"]>(["human", "observation"]);

export function toShareGpt(trajectory: ExportTrajectory, options: ShareGptOptions = {}): ExportResult<ShareGptRecord> {
  const conversation = toConversation(trajectory);
  if (!conversation.ok) return conversation;
  const turns = conversation.record;
  const system = turns[0]?.role === "system" ? turns[0].content : "";
  const calls: ToolCall[] = [];
  const out: ShareGptTurn[] = [];
  for (const turn of turns) {
    if (turn.role === "system") continue;
    if (turn.role === "assistant" && turn.call) calls.push(turn.call);
    const next = shareGptTurn(turn, options.thoughts ?? "think");
    const last = out.at(-1);
    if (last && USER_SIDE.has(last.from) && USER_SIDE.has(next.from)) last.value += `\n\n${next.value}`;
    else out.push(next);
  }
  while (out.length && USER_SIDE.has(out.at(-1)!.from)) out.pop();
  if (out.length < 2) return { ok: false, reason: SKIP_NO_AGENT };
  // Only the calls still in the conversation: a dropped trailing result never removes its call.
  return { ok: true, record: { conversations: out, system, tools: JSON.stringify(toolSchemas(calls)) } };
}

function shareGptTurn(turn: Exclude<Turn, { role: "system" }>, thoughts: "think" | "drop"): ShareGptTurn {
  switch (turn.role) {
    case "user":
      return { from: "human", value: turn.content };
    case "tool":
      return { from: "observation", value: turn.content };
    case "assistant": {
      if (!turn.call) return { from: "gpt", value: turn.content };
      const call = JSON.stringify({ name: turn.call.name, arguments: turn.call.arguments });
      const thought = thoughts === "think" && turn.content ? `<think>\n${turn.content}\n</think>\n\n` : "";
      return { from: "function_call", value: thought + call };
    }
  }
}

/**
 * The `dataset_info.json` entry that makes LLaMA-Factory read the file as exported. Key names and
 * their defaults are those of data/README.md ("tags (optional, used for the sharegpt format)":
 * role_tag from, content_tag value, user_tag human, assistant_tag gpt, observation_tag
 * observation, function_tag function_call, system_tag system); written out in full so the entry
 * does not depend on the defaults.
 */
export function datasetInfo(name: string, fileName: string) {
  return {
    [name]: {
      file_name: fileName,
      formatting: "sharegpt",
      columns: { messages: "conversations", system: "system", tools: "tools" },
      tags: {
        role_tag: "from",
        content_tag: "value",
        user_tag: "human",
        assistant_tag: "gpt",
        observation_tag: "observation",
        function_tag: "function_call",
        system_tag: "system",
      },
    },
  };
}
