import type { z } from "zod";
import { decodeText, expectShape, parseJson } from "./read-json";
import { SourceError, type VirtualFile } from "./types";

/*
 * The pieces every chat-shaped format shares for its files: reading JSON records within limits,
 * and recognizing them from a file's first bytes. The OpenAI JSONL, Inspect and ShareGPT
 * importers use these.
 */

export const MiB = 1024 * 1024;

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
