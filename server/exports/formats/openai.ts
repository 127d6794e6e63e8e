import type { ExportTrajectory } from "../export-trajectory";
import { type ExportResult, toConversation } from "./conversation";
import { type ToolCall, toolSchemas } from "./tool-calls";

/*
 * OpenAI chat JSONL, one `{"messages", "tools"}` object per trajectory: the layout of OpenAI
 * fine-tuning files and of TRL's conversational datasets with tool calling (TRL docs, "Dataset
 * formats — Tool Calling": `messages` with `tool_calls` and `tool` messages, plus a `tools`
 * column of JSON-schema function definitions that SFTTrainer hands to the chat template).
 * The conversation mapping is conversation.ts's; this file only names things.
 */

export type OpenAiToolCall = { id: string; type: "function"; function: { name: string; arguments: string | Record<string, unknown> } };
export type OpenAiMessage =
  | { role: "system" | "user"; content: string }
  | { role: "assistant"; content: string; tool_calls?: OpenAiToolCall[]; weight?: 0 | 1 }
  | { role: "tool"; tool_call_id: string; content: string };
export type OpenAiTool = { type: "function"; function: ReturnType<typeof toolSchemas>[number] };
export type OpenAiRecord = { messages: OpenAiMessage[]; tools: OpenAiTool[] };

export type OpenAiOptions = {
  /**
   * Adds `weight` to every assistant message: 0 for steps that are not trainable (copied context,
   * deterministic dispatch), 1 otherwise — OpenAI fine-tuning's per-message switch. TRL loads the
   * key and ignores it (chat templates do not read it), so it is off unless asked for.
   */
  weights?: boolean;
  /**
   * `arguments` as a JSON string (OpenAI's form; also what keeps a `datasets` table from merging
   * different tools' argument objects into one struct), or as an object for chat templates that
   * serialize it themselves (`tojson`), such as Llama 3.1's.
   */
  arguments?: "string" | "object";
};

export function toOpenAi(trajectory: ExportTrajectory, options: OpenAiOptions = {}): ExportResult<OpenAiRecord> {
  const conversation = toConversation(trajectory);
  if (!conversation.ok) return conversation;
  const calls: ToolCall[] = [];
  const messages = conversation.record.map((turn): OpenAiMessage => {
    switch (turn.role) {
      case "system":
      case "user":
        return { role: turn.role, content: turn.content };
      case "tool":
        return { role: "tool", tool_call_id: turn.call.id, content: turn.content };
      case "assistant": {
        if (turn.call) calls.push(turn.call);
        return {
          role: "assistant",
          content: turn.content,
          ...(turn.call ? { tool_calls: [openAiCall(turn.call, options.arguments ?? "string")] } : {}),
          ...(options.weights ? { weight: turn.trainable ? 1 : 0 } : {}),
        };
      }
    }
  });
  return { ok: true, record: { messages, tools: openAiTools(calls) } };
}

export function openAiCall(call: ToolCall, form: "string" | "object"): OpenAiToolCall {
  return { id: call.id, type: "function", function: { name: call.name, arguments: form === "string" ? JSON.stringify(call.arguments) : call.arguments } };
}

export function openAiTools(calls: ToolCall[]): OpenAiTool[] {
  return toolSchemas(calls).map((schema) => ({ type: "function", function: schema }));
}
