import type { ExportTrajectory } from "../export-trajectory";
import { type ExportResult, toConversation } from "./conversation";
import { type OpenAiTool, type OpenAiToolCall, openAiCall, openAiTools } from "./openai";
import type { ToolCall } from "./tool-calls";

/*
 * axolotl `chat_template` rows: OpenAI-style messages (`tool_calls` with JSON-string arguments,
 * which axolotl json.loads before templating; `tool` messages with `tool_call_id`), a `tools`
 * column read with `field_tools: tools`, and a boolean `train` on every message, read with
 * `message_field_training: train` (axolotl docs, dataset-formats/conversation: "fine-grained
 * control over tokens and turns"). A message's own flag overrides `roles_to_train`
 * (ChatTemplateStrategy: `train_turn = turn.get("training")` wins when not None), so the flags
 * below are exactly what trains:
 * - system and user messages never;
 * - assistant messages do, unless `maskNonTrainable` (default on: a step that is not trainable is
 *   copied context or deterministic dispatch, shown but never trained on) and the step is not;
 * - tool results do, unless `maskObservations`: the observation-masking ablation (training on
 *   what the environment returned, or not) is the same data with this one switch.
 */

export type AxolotlMessage =
  | { role: "system" | "user"; content: string; train: boolean }
  | { role: "assistant"; content: string; tool_calls?: OpenAiToolCall[]; train: boolean }
  | { role: "tool"; tool_call_id: string; content: string; train: boolean };
export type AxolotlRecord = { messages: AxolotlMessage[]; tools: OpenAiTool[] };
export type AxolotlOptions = { maskObservations?: boolean; maskNonTrainable?: boolean };

export function toAxolotl(trajectory: ExportTrajectory, options: AxolotlOptions = {}): ExportResult<AxolotlRecord> {
  const conversation = toConversation(trajectory);
  if (!conversation.ok) return conversation;
  const maskNonTrainable = options.maskNonTrainable ?? true;
  const calls: ToolCall[] = [];
  const messages = conversation.record.map((turn): AxolotlMessage => {
    switch (turn.role) {
      case "system":
      case "user":
        return { role: turn.role, content: turn.content, train: false };
      case "tool":
        return { role: "tool", tool_call_id: turn.call.id, content: turn.content, train: !options.maskObservations };
      case "assistant":
        if (turn.call) calls.push(turn.call);
        return {
          role: "assistant",
          content: turn.content,
          ...(turn.call ? { tool_calls: [openAiCall(turn.call, "string")] } : {}),
          train: turn.trainable || !maskNonTrainable,
        };
    }
  });
  return { ok: true, record: { messages, tools: openAiTools(calls) } };
}

/** The axolotl `datasets:` entry for an exported file (YAML-ready), for the dataset card. */
export function axolotlDataset(path: string) {
  return {
    path,
    ds_type: "json",
    type: "chat_template",
    field_messages: "messages",
    field_tools: "tools",
    message_field_training: "train",
    // Every message carries its own flag; train each trained turn's end-of-turn token too.
    roles_to_train: [],
    train_on_eos: "turn",
  };
}
