import { describe, expect, it } from "vitest";
import { type AxolotlOptions, axolotlDataset, toAxolotl } from "./axolotl";
import { toOpenAi } from "./openai";
import { terminusSession } from "./testing-export";
import { checkAxolotl } from "./validate-chat";

const record = (options?: AxolotlOptions) => {
  const result = toAxolotl(terminusSession(), options);
  if (!result.ok) throw new Error(result.reason);
  return result.record;
};
const flags = (options?: AxolotlOptions) => record(options).messages.map((m) => `${m.role}:${m.train}`);

describe("axolotl chat_template export", () => {
  it("is the OpenAI conversation with a train flag on every message", () => {
    const r = record();
    const openai = toOpenAi(terminusSession());
    if (!openai.ok) throw new Error(openai.reason);
    expect(r.messages.map(({ train, ...m }) => m)).toEqual(openai.record.messages);
    expect(r.tools).toEqual(openai.record.tools);
    expect(checkAxolotl(r)).toEqual([]);
  });

  it("trains on assistant turns and results, never on system or user, and masks steps that are not trainable", () => {
    // Step 3 (the second call) is copied context.
    expect(flags()).toEqual(["system:false", "user:false", "assistant:true", "tool:true", "assistant:false", "tool:true", "assistant:true"]);
  });

  it("maskObservations flips exactly the tool results", () => {
    expect(flags({ maskObservations: true })).toEqual(["system:false", "user:false", "assistant:true", "tool:false", "assistant:false", "tool:false", "assistant:true"]);
    expect(checkAxolotl(record({ maskObservations: true }), { maskObservations: true })).toEqual([]);
  });

  it("maskNonTrainable off flips exactly the assistant turn of the step that is not trainable", () => {
    expect(flags({ maskNonTrainable: false })).toEqual(["system:false", "user:false", "assistant:true", "tool:true", "assistant:true", "tool:true", "assistant:true"]);
  });

  it("describes the dataset entry that reads the flags", () => {
    expect(axolotlDataset("data/teachers-v3.jsonl")).toMatchObject({ type: "chat_template", field_messages: "messages", field_tools: "tools", message_field_training: "train" });
  });

  it("gives byte-identical output for the same input", () => {
    expect(JSON.stringify(record({ maskObservations: true }))).toBe(JSON.stringify(record({ maskObservations: true })));
  });

  it("the checker rejects a missing flag, a trained user turn and a result flag that contradicts the option", () => {
    const r = structuredClone(record());
    delete (r.messages[2] as { train?: boolean }).train;
    r.messages[1]!.train = true;
    expect(checkAxolotl(r)).toEqual(["messages[1]: a user message is trained on", "messages[2]: train is not a boolean"]);
    expect(checkAxolotl(record(), { maskObservations: true })).toHaveLength(2);
  });
});
