import { parseJson } from "./read-json";
import { SourceError } from "./types";

/*
 * asciicast v2 and v3 (https://docs.asciinema.org/manual/asciicast/v2/, …/v3/): newline-delimited
 * JSON, a header object on the first line, then one `[time, code, data]` array per line.
 * v2 times are absolute seconds since the start; v3 times are intervals since the previous event.
 * v3 allows comment lines starting with `#`; both readers in asciinema skip blank lines.
 * Codes: o output, i input, m marker, r resize ("COLSxROWS"), x exit status (v3). asciinema
 * itself accepts other codes, so an unknown code is kept and warned about, not rejected.
 */

export type CastEvent = { time: number; code: string; data: string };

export type Cast = {
  version: 2 | 3;
  width: number;
  height: number;
  /** The header object as written (title, env, timestamp, theme, …). */
  header: Record<string, unknown>;
  /** Events with absolute times in seconds from the start of the recording, in file order. */
  events: CastEvent[];
  /** Unix time (seconds) the recording started, if the header says. */
  timestamp: number | null;
  /** Things that were read but are odd: unknown event codes, comments in v2, bad resize data. */
  warnings: string[];
};

/*
 * Real recordings are not always monotonic: asciinema 2 stamps events from the wall clock, and a
 * clock step of about a second shows up as an event earlier than the one before (one of the
 * Terminal-Bench sample trials has two). Such small steps back are tolerated with a warning; a
 * larger one means the file is damaged or its lines were reordered, and is rejected.
 */
const CLOCK_JITTER_SECONDS = 2;

const KNOWN_CODES = new Set(["o", "i", "m", "r", "x"]);
const HEADER_EXPECTED =
  'expected an asciicast header: {"version": 2, "width": COLS, "height": ROWS, …} or {"version": 3, "term": {"cols": COLS, "rows": ROWS}, …}';

export function parseCast(text: string, path: string): Cast {
  const lines = text.split("\n");
  const first = (lines[0] ?? "").replace(/\r$/, "").replace(/^\uFEFF/, "");
  if (text.trim() === "") throw new SourceError(path, `the file is empty: ${HEADER_EXPECTED}`, "line 1");
  if (first.trim() === "") throw new SourceError(path, `the first line is blank: ${HEADER_EXPECTED}`, "line 1");

  const header = parseHeader(first, path);
  const cast: Cast = { ...header, events: [], warnings: [] };
  let previous = 0;
  let previousLine = 1;
  let comments = 0;
  const backwards = { count: 0, first: null as number | null, largest: 0 };

  for (let index = 1; index < lines.length; index++) {
    let line = lines[index]!;
    if (line.charCodeAt(line.length - 1) === 0x0d) line = line.slice(0, -1);
    const lineNo = index + 1;
    // Event lines start with `[`: only other lines can be blank or comments.
    if (line.charCodeAt(0) !== 0x5b) {
      if (line.trim() === "") continue;
      if (line.startsWith("#")) {
        comments++;
        continue;
      }
    }
    const where = `line ${lineNo}`;
    const value = parseEventLine(line, path, index);
    if (!Array.isArray(value) || value.length !== 3) {
      throw new SourceError(path, `expected an event [time, code, data] (a JSON array of 3 items), found ${describe(value)}`, where);
    }
    const rawTime: unknown = value[0];
    const code: unknown = value[1];
    const data: unknown = value[2];
    if (typeof rawTime !== "number" || !Number.isFinite(rawTime)) {
      throw new SourceError(path, `the event time must be a number of seconds, found ${describe(rawTime)}`, where);
    }
    if (rawTime < 0) throw new SourceError(path, `the event time ${rawTime} is negative`, where);
    if (typeof code !== "string" || code === "") {
      throw new SourceError(path, `the event code must be a one-letter string such as "o" or "i", found ${describe(code)}`, where);
    }
    if (typeof data !== "string") throw new SourceError(path, `the event data must be a string, found ${describe(data)}`, where);

    let time = rawTime;
    if (header.version === 3) {
      time = previous + rawTime;
    } else if (rawTime < previous) {
      if (previous - rawTime > CLOCK_JITTER_SECONDS) {
        throw new SourceError(
          path,
          `the event time ${rawTime} is earlier than ${previous} on line ${previousLine} (asciicast v2 times are absolute and must not decrease)`,
          where,
        );
      }
      // Kept in file order (as players do), its time raised to the previous one's.
      backwards.count++;
      backwards.first ??= lineNo;
      backwards.largest = Math.max(backwards.largest, previous - rawTime);
      time = previous;
    }
    if (!KNOWN_CODES.has(code)) cast.warnings.push(`${where}: unknown event code ${JSON.stringify(code)} (kept in the recording, not used for steps)`);
    if (code === "r" && !/^\d+x\d+$/.test(data)) cast.warnings.push(`${where}: resize event data ${JSON.stringify(data)} is not COLSxROWS (ignored)`);
    cast.events.push({ time, code, data });
    previous = time;
    previousLine = lineNo;
  }
  if (backwards.count > 0) {
    cast.warnings.push(
      `${backwards.count} event(s) from line ${backwards.first} on are up to ${backwards.largest.toFixed(3)} s earlier than the event before (recorder clock jitter): kept in file order, times raised to stay monotonic`,
    );
  }
  if (comments > 0 && header.version === 2) {
    cast.warnings.push(`${comments} comment line(s) skipped: comments are an asciicast v3 feature, not v2`);
  }
  return cast;
}

function parseHeader(line: string, path: string): Omit<Cast, "events" | "warnings"> {
  if (line.startsWith("#")) throw new SourceError(path, `the first line is a comment: ${HEADER_EXPECTED}`, "line 1");
  const value = parseLine(line, path, 0);
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new SourceError(path, `${HEADER_EXPECTED}; found ${describe(value)}`, "line 1");
  }
  const header = value as Record<string, unknown>;
  const version = header.version;
  const timestamp = typeof header.timestamp === "number" && Number.isFinite(header.timestamp) ? header.timestamp : null;
  if (version === 2) {
    const { width, height } = header;
    if (!isSize(width) || !isSize(height)) {
      throw new SourceError(path, `an asciicast v2 header needs "width" and "height" as positive integers, found width ${describe(width)}, height ${describe(height)}`, "line 1");
    }
    return { version: 2, width, height, header, timestamp };
  }
  if (version === 3) {
    const term = header.term as Record<string, unknown> | undefined;
    if (typeof term !== "object" || term === null || !isSize(term.cols) || !isSize(term.rows)) {
      throw new SourceError(path, `an asciicast v3 header needs "term": {"cols": …, "rows": …} with positive integers, found term ${describe(term)}`, "line 1");
    }
    return { version: 3, width: term.cols, height: term.rows, header, timestamp };
  }
  if (version === 1) {
    throw new SourceError(path, "asciicast v1 (a single JSON document with \"stdout\") is not supported; convert it with `asciinema convert`", "line 1");
  }
  throw new SourceError(path, `unsupported asciicast version ${describe(version)}: ${HEADER_EXPECTED}`, "line 1");
}

/** parseLine for an event line; JSON cannot hold NaN or Infinity, so a time written so is named, not reported as a bare syntax error. */
function parseEventLine(line: string, path: string, index: number): unknown {
  try {
    return parseLine(line, path, index);
  } catch (error) {
    // Checked only when the line is not JSON (no valid line matches): the common path pays nothing.
    const bad = /^\s*\[\s*(-?(?:NaN|Infinity))\b/.exec(line);
    if (bad) throw new SourceError(path, `the event time is ${bad[1]}, not a number of seconds`, `line ${index + 1}`);
    throw error;
  }
}

/** parseJson, with the error always placed on its line (a truncated line has no column to give). */
function parseLine(line: string, path: string, index: number): unknown {
  try {
    return parseJson(line, path, index);
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    const what = index === 0 ? "the header line" : "this event line";
    const column = /column (\d+)/.exec(error.location ?? "")?.[1];
    const atEnd = column === undefined ? /end/.test(error.problem) : Number(column) > line.trimEnd().length;
    if (atEnd) throw new SourceError(path, `${what} ends before its JSON is complete (truncated file?)`, `line ${index + 1}`);
    if (!error.location?.startsWith("line ")) throw new SourceError(path, `${what} is not valid JSON: ${error.problem}`, `line ${index + 1}`);
    throw error;
  }
}

function isSize(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value > 0;
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return `an array of ${value.length} item(s)`;
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}

/** Whether `head` (the first bytes of a file) starts with an asciicast v2 or v3 header line. */
export function looksLikeCastHeader(head: string): boolean {
  const first = head.replace(/^\uFEFF/, "").split("\n", 1)[0]!.trim();
  if (!first.startsWith("{") || !first.endsWith("}")) return false;
  try {
    const header = JSON.parse(first) as Record<string, unknown> | null;
    if (typeof header !== "object" || header === null) return false;
    if (header.version === 2) return typeof header.width === "number" && typeof header.height === "number";
    if (header.version === 3) return typeof header.term === "object" && header.term !== null;
    return false;
  } catch {
    return false;
  }
}
