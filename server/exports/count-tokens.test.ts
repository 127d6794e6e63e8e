import { createRequire } from "node:module";
import { countTokens as countTokensCl100k, encodeChat as encodeChatCl100k } from "gpt-tokenizer/encoding/cl100k_base";
import { encodeChat as encodeChatO200k } from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../errors";
import { DEFAULT_TOKEN_FAMILY, TOKEN_FAMILIES, tokenCounter } from "./count-tokens";

const require = createRequire(import.meta.url);

describe("tokenCounter: loading", () => {
  it("loads a vocabulary on the first count, not when the counter is made", () => {
    const bundle = require.resolve("llama3-tokenizer-js/bundle/commonjs-llama3-tokenizer-with-baked-data.cjs");
    const counter = tokenCounter("llama3");
    expect(require.cache[bundle]).toBeUndefined();
    expect(counter.count("ls -la")).toBeGreaterThan(0);
    expect(require.cache[bundle]).toBeDefined();
  });
});

describe("tokenCounter: known counts", () => {
  // tiktoken's README and tests: "hello world" → [15339, 1917] on cl100k_base, [24912, 2375] on
  // o200k_base; the OpenAI cookbook: "tiktoken is great!" → 6 tokens on cl100k_base.
  it.each([
    ["cl100k", "hello world", 2],
    ["cl100k", "tiktoken is great!", 6],
    ["o200k", "hello world", 2],
    // llama3-tokenizer-js's README: "Hello world!" → [9906, 1917, 0] without BOS/EOS.
    ["llama3", "Hello world!", 3],
    ["cl100k", "", 0],
  ])("%s: %j → %i", (family, text, tokens) => {
    expect(tokenCounter(family).count(text)).toBe(tokens);
  });

  it("special-token strings in output count as the text they are, without throwing", () => {
    // "<|endoftext|>" as plain text: <, |, endo, ft, ext, |, > on o200k.
    expect(tokenCounter("o200k").count("<|endoftext|>")).toBe(7);
  });

  it("o200k is the default, and encoding names are accepted", () => {
    expect(DEFAULT_TOKEN_FAMILY).toBe("o200k");
    expect(tokenCounter().name).toBe("o200k (o200k_base)");
    expect(tokenCounter("cl100k_base").family).toBe("cl100k");
    expect(tokenCounter(" LLAMA3 ").name).toBe("llama3 (Llama 3 BPE)");
  });

  it("qwen says it is an approximation", () => {
    const qwen = tokenCounter("qwen");
    expect(qwen).toMatchObject({ exact: false, name: "qwen ≈ o200k_base (approximate)" });
    expect(qwen.count("hello world")).toBe(2);
  });

  it("an unknown family names the valid ones", () => {
    expect(() => tokenCounter("mistral")).toThrow(InvalidInputError);
    expect(() => tokenCounter("constructor")).toThrow(InvalidInputError);
    expect(() => tokenCounter("mistral")).toThrow('Unknown tokenizer family "mistral": use one of o200k, cl100k, llama3, qwen (default o200k).');
    expect(TOKEN_FAMILIES).toEqual(["o200k", "cl100k", "llama3", "qwen"]);
  });
});

describe("countMessages: content plus the chat format's fixed tokens", () => {
  const chat = [
    { role: "system", content: "You are a terminal agent." },
    { role: "user", content: "List the files." },
    { role: "assistant", content: "ls -la" },
  ];

  it("OpenAI families: 3 per message + role, as gpt-tokenizer's encodeChat without the 3-token reply primer", () => {
    // "user" 1 + "hello world" 2 + 3 = 6.
    expect(tokenCounter("o200k").countMessages([{ role: "user", content: "hello world" }])).toBe(6);
    expect(tokenCounter("o200k").countMessages(chat)).toBe(encodeChatO200k(chat, "gpt-4o").length - 3);
    expect(tokenCounter("cl100k").countMessages(chat)).toBe(encodeChatCl100k(chat, "gpt-4").length - 3);
  });

  it("Llama 3: the chat template's own token count", () => {
    const { llama3Tokenizer } = require("llama3-tokenizer-js/bundle/commonjs-llama3-tokenizer-with-baked-data.cjs") as {
      llama3Tokenizer: { encode(text: string, o: { bos: boolean; eos: boolean }): number[] };
    };
    const template =
      "<|begin_of_text|>" + chat.map((m) => `<|start_header_id|>${m.role}<|end_header_id|>\n\n${m.content}<|eot_id|>`).join("");
    expect(tokenCounter("llama3").countMessages(chat)).toBe(llama3Tokenizer.encode(template, { bos: false, eos: false }).length);
    // <|begin_of_text|> 1 + (4 + "user" 1 + "Hello world!" 3) = 9
    expect(tokenCounter("llama3").countMessages([{ role: "user", content: "Hello world!" }])).toBe(9);
  });

  it("an empty record is the format's fixed prefix", () => {
    expect(tokenCounter("o200k").countMessages([])).toBe(0);
    expect(tokenCounter("llama3").countMessages([])).toBe(1);
  });
});

describe("long runs without whitespace", () => {
  it("are counted in slices: a run of 'a's as unsliced (8 per token), others within a token per slice", () => {
    // Unsliced, BPE on one 400 000-character piece takes minutes; the time limit is the assertion.
    const run = "a".repeat(400_000);
    expect(tokenCounter("o200k").count(run)).toBe(50_000);
    expect(tokenCounter("llama3").count(run)).toBe(50_000);
    const bar = `[${"=".repeat(20_000)}>] 100%`;
    const exact = countTokensCl100k(bar);
    expect(Math.abs(tokenCounter("cl100k").count(bar) - exact)).toBeLessThanOrEqual(20_000 / 2000);
  });
});
