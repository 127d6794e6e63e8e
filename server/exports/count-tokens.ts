import { createRequire } from "node:module";
import type { countTokens as GptCountTokens } from "gpt-tokenizer/encoding/o200k_base";
import type { Llama3Tokenizer } from "llama3-tokenizer-js";
import { InvalidInputError } from "../errors";

/**
 * Token counts for a curation budget, with the real tokenizer of the student's model family. The
 * vocabularies ship inside the npm packages (nothing is fetched at run time):
 * - gpt-tokenizer (pure JS port of tiktoken): o200k_base (gpt-4o, gpt-4.1, o-series, gpt-5) and
 *   cl100k_base (gpt-4, gpt-3.5).
 * - llama3-tokenizer-js: the Llama 3 / 3.1 / 3.2 / 3.3 vocabulary (one 128k BPE for all of them);
 *   its counts matched Hugging Face's (transformers.js) on every sample compared.
 * - Qwen has no well-kept package with its vocabulary bundled (the one candidate is ~85 MB from a
 *   single maintainer), so "qwen" counts with o200k_base and says so in its name (`exact: false`).
 *   Measured against Qwen3's own tokenizer: English and code within 1%, terminal output (long
 *   numbers, `ls -l`, `ps`, `git log`, lockfiles) 5–15% *under* (Qwen splits numbers into digits),
 *   Chinese 17% over. Give a Qwen budget some headroom.
 *
 * Loading is lazy and synchronous (a `require` on the first count), once per process: o200k
 * 0.7–1.6 s and 15 MB of heap, cl100k 0.3–0.4 s and 8 MB, llama3 1–1.9 s and 45 MB on the CI
 * machine; nothing until then. Code that Next bundles should list both packages in
 * `serverExternalPackages`, so the `require` stays Node's.
 */

export const TOKEN_FAMILIES = ["o200k", "cl100k", "llama3", "qwen"] as const;
export type TokenFamily = (typeof TOKEN_FAMILIES)[number];
export const DEFAULT_TOKEN_FAMILY: TokenFamily = "o200k";

export type ChatMessage = { role: string; content: string };

export type TokenCounter = {
  /** The family and the encoding that counts it, e.g. "o200k (o200k_base)"; recorded in manifests. */
  name: string;
  family: TokenFamily;
  /** False when the family's own vocabulary is not available and a close one stands in. */
  exact: boolean;
  count(text: string): number;
  /** Content and role tokens plus the chat format's fixed tokens (see FORMATS). */
  countMessages(messages: readonly ChatMessage[]): number;
};

type Encode = (text: string) => number;

const require = createRequire(import.meta.url);

/*
 * Special-token strings met in terminal output ("<|endoftext|>" in a tokenizer's test file) count
 * as the plain text they are, instead of throwing as gpt-tokenizer does by default.
 */
function gptEncoding(module: unknown): Encode {
  const { countTokens } = module as { countTokens: typeof GptCountTokens };
  const plain = { disallowedSpecial: new Set<string>() };
  return (text) => countTokens(text, plain);
}

function llama3(): Encode {
  // The package's CommonJS bundle: its main entry is ESM, which a synchronous require can't load.
  const { llama3Tokenizer } = require("llama3-tokenizer-js/bundle/commonjs-llama3-tokenizer-with-baked-data.cjs") as {
    llama3Tokenizer: Llama3Tokenizer;
  };
  return (text) => llama3Tokenizer.encode(text, { bos: false, eos: false }).length;
}

type Format = { encoding: string; exact: boolean; perMessage: number; perRecord: number; load: () => Encode };

// Literal specifiers, so that a bundler sees what each `require` loads.
const o200k = () => gptEncoding(require("gpt-tokenizer/encoding/o200k_base"));
const cl100k = () => gptEncoding(require("gpt-tokenizer/encoding/cl100k_base"));

/**
 * The fixed tokens each chat format adds. OpenAI (cookbook "How to count tokens with tiktoken"):
 * `<|im_start|>{role}<|im_sep|>{content}<|im_end|>` = 3 + role per message; the 3 tokens priming a
 * reply are not added, since a training record already holds its assistant turns. Llama 3:
 * `<|begin_of_text|>` once, then `<|start_header_id|>{role}<|end_header_id|>\n\n{content}<|eot_id|>`
 * = 4 + role. Qwen (ChatML): `<|im_start|>{role}\n{content}<|im_end|>\n` = 4 + role. Tool calls
 * count as the text the caller renders them to.
 */
const FORMATS: Record<TokenFamily, Format> = {
  o200k: { encoding: "o200k_base", exact: true, perMessage: 3, perRecord: 0, load: o200k },
  cl100k: { encoding: "cl100k_base", exact: true, perMessage: 3, perRecord: 0, load: cl100k },
  llama3: { encoding: "Llama 3 BPE", exact: true, perMessage: 4, perRecord: 1, load: llama3 },
  qwen: { encoding: "o200k_base", exact: false, perMessage: 4, perRecord: 0, load: o200k },
};

/** Encoding names are accepted too ("o200k_base" → o200k). */
const ALIASES = new Map<string, TokenFamily>([
  ["o200k_base", "o200k"],
  ["cl100k_base", "cl100k"],
]);

const loaded = new Map<string, Encode>();

/*
 * BPE in both packages is quadratic in the length of one pre-token (160 000 "a"s: 14 s), and
 * terminal output has such runs (base64 of zeros, progress bars, minified code). A run of more than
 * MAX_RUN characters without whitespace is counted in MAX_RUN slices (~5 ms each): at most one
 * token more per slice, exact when the run's tokens tile the slice (a run of "a"s: 8 per token).
 */
const MAX_RUN = 2000;

function countSliced(encode: Encode, text: string): number {
  let total = 0;
  let from = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || (c >= 9 && c <= 13);
    run = space ? 0 : run + 1;
    if (run > MAX_RUN) {
      total += encode(text.slice(from, i));
      from = i;
      run = 1;
    }
  }
  return total + (from < text.length ? encode(from === 0 ? text : text.slice(from)) : 0);
}

export function tokenCounter(family: string = DEFAULT_TOKEN_FAMILY): TokenCounter {
  const key = family.trim().toLowerCase();
  const known = (TOKEN_FAMILIES as readonly string[]).includes(key) ? (key as TokenFamily) : ALIASES.get(key);
  if (!known) {
    throw new InvalidInputError(`Unknown tokenizer family "${family}": use one of ${TOKEN_FAMILIES.join(", ")} (default ${DEFAULT_TOKEN_FAMILY}).`);
  }
  const format = FORMATS[known];
  const encode: Encode = (text) => {
    let e = loaded.get(format.encoding);
    if (!e) loaded.set(format.encoding, (e = format.load()));
    return countSliced(e, text);
  };
  return {
    name: format.exact ? `${known} (${format.encoding})` : `${known} ≈ ${format.encoding} (approximate)`,
    family: known,
    exact: format.exact,
    count: encode,
    countMessages(messages) {
      let total = format.perRecord;
      for (const m of messages) total += format.perMessage + encode(m.role) + encode(m.content);
      return total;
    },
  };
}
