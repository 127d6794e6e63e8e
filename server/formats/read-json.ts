import { isUtf8 } from "node:buffer";
import type { z } from "zod";
import { SourceError } from "./types";

/** Decodes UTF-8 text, naming the byte and line of the first invalid sequence if there is one. */
export function decodeText(bytes: Buffer, path: string): string {
  if (bytes.length === 0) throw new SourceError(path, "the file is empty");
  if (!isUtf8(bytes)) {
    const offset = firstInvalidUtf8(bytes);
    const line = bytes.subarray(0, offset).reduce((n, b) => n + (b === 0x0a ? 1 : 0), 1);
    throw new SourceError(path, "not valid UTF-8 text (is it a binary file or another encoding?)", `line ${line}, byte ${offset}`);
  }
  // A byte-order mark is valid UTF-8 but not valid JSON.
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.toString("utf8", 3) : bytes.toString("utf8");
}

/** The offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Buffer): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length || !isUtf8(bytes.subarray(i, i + length))) return i;
    i += length;
  }
  return bytes.length;
}

/** JSON.parse with the error placed as line and column, and deep nesting reported, not crashed on. */
export function parseJson(text: string, path: string, lineOffset = 0): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (error instanceof RangeError) throw new SourceError(path, "JSON nested too deeply to read");
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message)?.[1];
    // Errors at the very end of the text ("Unexpected end", "Unterminated string") mean a cut-off file.
    const atEnd = /end of JSON/i.test(message) || (position !== undefined && Number(position) >= text.trimEnd().length);
    const where = position === undefined ? (atEnd ? "at the end" : undefined) : lineColumn(text, Number(position), lineOffset);
    const problem = atEnd ? "the JSON ends too early (truncated file?)" : `invalid JSON: ${message.replace(/ in JSON at position \d+.*$/, "").replace(/^JSON\.parse: /, "")}`;
    throw new SourceError(path, problem, where);
  }
}

function lineColumn(text: string, position: number, lineOffset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < position; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `line ${line + lineOffset}, column ${position - lineStart + 1}`;
}

/** Checks `value` against the shape a format requires, reporting the first mismatch by its path. */
export function expectShape<T extends z.ZodType>(schema: T, value: unknown, path: string, what: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const at = issue.path.length ? issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "") : "the top level";
  throw new SourceError(path, `not a valid ${what}: ${issue.message}`, `at ${at}`);
}

/** PostgreSQL text cannot hold NUL; terminals print it. Keep the rest, mark where it was. */
export function cleanText(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  return text.includes("\u0000") ? text.replaceAll("\u0000", "\u2400") : text;
}
