/*
 * asciicast reading for the terminal replay: pure functions, no DOM, safe to run anywhere.
 *
 * The player is lenient where the importer (server/formats/parse-cast.ts) is strict: a recording
 * that was accepted at import, or a synthesized one, must always play, and a damaged one should
 * play as far as it can. So a truncated or malformed event line is skipped, a bad time is
 * clamped, and only a missing header is an error.
 *
 * v2 (https://docs.asciinema.org/manual/asciicast/v2/): header {"version": 2, "width", "height"},
 * events [time, code, data] with absolute times. v3 (…/v3/): header {"version": 3, "term":
 * {"cols", "rows"}}, event times are intervals since the previous event (of any code), and lines
 * starting with `#` are comments. Only "o" (output) and "r" (resize, "COLSxROWS") events are kept.
 */

export type CastEvent = {
  /** Seconds from the start of the recording; never decreasing. */
  time: number;
  /** Terminal output ("" for a resize). */
  data: string;
  /** Set on resize events ("r"): the terminal size from this event on. */
  resize?: { cols: number; rows: number };
};

export type Cast = {
  width: number;
  height: number;
  /** Time of the last event of any code (an exit or input event after the last output counts). */
  duration: number;
  events: CastEvent[];
};

export class CastParseError extends Error {
  override name = "CastParseError";
}

/** Sizes are clamped: an absurd header must not make the terminal allocate a huge buffer. */
const MAX_COLS = 1000;
const MAX_ROWS = 500;
const DEFAULT_COLS = 80;
const DEFAULT_ROWS = 24;

function size(value: unknown, fallback: number, max: number): number {
  const n = typeof value === "number" ? value : typeof value === "string" ? Number(value) : NaN;
  if (!Number.isFinite(n) || n < 1) return fallback;
  return Math.min(Math.floor(n), max);
}

function toNumber(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "string" && value.trim() !== "") return Number(value);
  return NaN;
}

/** Sums of v3 intervals are rounded to the microsecond so 0.1 + 0.2 reads back as 0.3. */
function roundTime(t: number): number {
  return Math.round(t * 1e6) / 1e6;
}

const RESIZE = /^\s*(\d+)\s*x\s*(\d+)\s*$/;

/**
 * Reads an asciicast v2 or v3 recording. Throws CastParseError only when there is no usable
 * header; bad event lines are skipped and bad times clamped (v2: a time that is not a number, or
 * earlier than the previous one, becomes the previous one; v3: such an interval becomes 0).
 */
export function parseCast(text: string): Cast {
  const lines = text.split("\n");
  let i = 0;
  let headerLine: string | null = null;
  for (; i < lines.length; i++) {
    const line = lines[i]!.replace(/^\uFEFF/, "").trim();
    if (line === "" || line.startsWith("#")) continue;
    headerLine = line;
    i++;
    break;
  }
  if (headerLine === null) throw new CastParseError("the recording is empty");
  let header: unknown;
  try {
    header = JSON.parse(headerLine);
  } catch {
    throw new CastParseError("the first line is not an asciicast header (not JSON)");
  }
  if (typeof header !== "object" || header === null || Array.isArray(header)) {
    throw new CastParseError("the first line is not an asciicast header (not a JSON object)");
  }
  const h = header as Record<string, unknown>;
  let version: 2 | 3;
  let width: number;
  let height: number;
  if (h.version === 3 || (h.version === undefined && typeof h.term === "object" && h.term !== null)) {
    version = 3;
    const term = (typeof h.term === "object" && h.term !== null ? h.term : {}) as Record<string, unknown>;
    width = size(term.cols, DEFAULT_COLS, MAX_COLS);
    height = size(term.rows, DEFAULT_ROWS, MAX_ROWS);
  } else if (h.version === 2 || (h.version === undefined && "width" in h)) {
    version = 2;
    width = size(h.width, DEFAULT_COLS, MAX_COLS);
    height = size(h.height, DEFAULT_ROWS, MAX_ROWS);
  } else {
    throw new CastParseError(`unsupported asciicast version ${JSON.stringify(h.version) ?? "(none)"} (2 and 3 are supported)`);
  }

  const events: CastEvent[] = [];
  let previous = 0;
  for (; i < lines.length; i++) {
    // A trailing \r (CRLF files) is JSON whitespace: JSON.parse takes the line as it is.
    const line = lines[i]!;
    // Event lines start with `[`; blank lines, comments and anything else are skipped. (Checked
    // without trimming first: this loop runs once per event, 100,000 times in a long session.)
    const first = line.charCodeAt(0);
    if (first !== 0x5b && (first !== 0x20 && first !== 0x09 ? true : line.trimStart().charCodeAt(0) !== 0x5b)) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      continue; // a truncated last line (recording cut off) or a damaged one
    }
    if (!Array.isArray(value) || value.length < 2) continue;
    const raw = toNumber(value[0]);
    let time: number;
    if (version === 3) {
      time = roundTime(previous + (Number.isFinite(raw) && raw > 0 ? raw : 0));
    } else {
      time = Number.isFinite(raw) && raw > previous ? raw : previous;
    }
    previous = time;
    const code: unknown = value[1];
    const data: unknown = value[2];
    if (code === "o" && typeof data === "string") {
      events.push({ time, data });
    } else if (code === "r" && typeof data === "string") {
      const m = RESIZE.exec(data);
      if (m) events.push({ time, data: "", resize: { cols: size(Number(m[1]), width, MAX_COLS), rows: size(Number(m[2]), height, MAX_ROWS) } });
    }
  }
  return { width, height, duration: previous, events };
}

// ---------------------------------------------------------------------------------------------
// Idle capping

/** Maps between the original timeline and the capped one (both in seconds). */
export type TimeMap = {
  /** The largest gap kept, or null when nothing is capped. */
  maxGap: number | null;
  /** Duration on the capped timeline. */
  duration: number;
  toCapped(time: number): number;
  toOriginal(time: number): number;
};

/** Largest j with a[j] ≤ x, or -1. */
function lastAtOrBefore(a: ArrayLike<number>, x: number, length = a.length): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * The time map of capping every gap longer than `maxGap` seconds (including the one before the
 * first event and the one after the last, up to `duration`) to `maxGap`. Event times map exactly
 * both ways; a time inside a shortened gap is scaled linearly within it, so two markers in one
 * idle gap stay apart and in order, and a marker just before an event stays before it. Times
 * past the end shift by the total saving. `maxGap` null, non-finite or ≤ 0 caps nothing.
 */
export function idleTimeMap(cast: Cast, maxGap: number | null): TimeMap {
  if (maxGap === null || !Number.isFinite(maxGap) || maxGap <= 0) {
    return { maxGap: null, duration: cast.duration, toCapped: (t) => t, toOriginal: (t) => t };
  }
  const n = cast.events.length;
  // Points: 0, every event time, the duration.
  const original = new Float64Array(n + 2);
  const capped = new Float64Array(n + 2);
  let prev = 0;
  let c = 0;
  for (let k = 0; k <= n; k++) {
    const t = k < n ? cast.events[k]!.time : Math.max(cast.duration, prev);
    const gap = t - prev;
    c += gap > maxGap ? maxGap : gap > 0 ? gap : 0;
    original[k + 1] = Math.max(t, prev);
    capped[k + 1] = c;
    prev = Math.max(t, prev);
  }
  const last = n + 1;
  const map = (from: Float64Array, to: Float64Array) => (t: number) => {
    if (!(t > 0)) return t; // also NaN
    if (t >= from[last]!) return to[last]! + (t - from[last]!);
    const j = lastAtOrBefore(from, t);
    if (from[j] === t) return to[j]!;
    // from[j] < t < from[j + 1]: a segment of positive length on both timelines.
    const f0 = from[j]!;
    const f1 = from[j + 1]!;
    const t0 = to[j]!;
    const t1 = to[j + 1]!;
    return t0 + ((t - f0) * (t1 - t0)) / (f1 - f0);
  };
  return { maxGap, duration: capped[last]!, toCapped: map(original, capped), toOriginal: map(capped, original) };
}

/** A copy of `cast` with gaps longer than `maxGap` seconds shortened to `maxGap` (see idleTimeMap). */
export function capIdle(cast: Cast, maxGap: number | null): Cast {
  const map = idleTimeMap(cast, maxGap);
  return {
    width: cast.width,
    height: cast.height,
    duration: map.duration,
    events: cast.events.map((e) => ({ ...e, time: map.toCapped(e.time) })),
  };
}

// ---------------------------------------------------------------------------------------------
// Index: output at a time, seeking, sizes, search

export type TextMatch = { time: number; /** The event in which the match ends. */ event: number };

export type CastIndex = {
  readonly cast: Cast;
  /** Number of events with time ≤ `time`: events [0, n) have played, n is the next to play. */
  eventIndexAt(time: number): number;
  /** Concatenated output of events [from, to). */
  outputBetween(from: number, to: number): string;
  /** Length of the output of events [from, to), without building it. */
  charsBetween(from: number, to: number): number;
  /** Concatenated output of events with time ≤ `time`. */
  outputUntil(time: number): string;
  /**
   * What to write into a freshly reset terminal to show the screen at `time`: the output of the
   * events up to it, from just after a line feed that leaves `lines` lines before the end (the
   * screen and some history; a screen is drawn by its last lines, not by the megabytes before) —
   * or from the last entry into the alternate screen when that is nearer (a full-screen program
   * draws from there) — and never more than `maxChars` characters (then from the first event
   * boundary within them). Prefixed with the alternate-screen switch when the cut skipped over
   * entering it. `from` is the event the text starts in; 0 and the whole output when all fits.
   */
  seekOutput(time: number, options?: { lines?: number; maxChars?: number }): { text: string; from: number; to: number };
  /** Terminal size at `time` (the last resize event at or before it, else the header's). */
  sizeAt(time: number): { cols: number; rows: number };
  /** Indexes of the resize events in [from, to). */
  resizesBetween(from: number, to: number): number[];
  /** See findText. */
  findText(query: string, limit?: number): TextMatch[];
};

/** Largest seek write: 512 Ki characters, more than a full scrollback (2000 lines) holds. */
export const SEEK_MAX_CHARS = 1 << 19;
/** Lines a seek writes by default: a screen and some history to scroll back through. */
export const SEEK_LINES = 300;

const ALT_SCREEN = /\x1b\[\?(?:1049|1047|47)([hl])/g;

export function indexCast(cast: Cast): CastIndex {
  const { events } = cast;
  const n = events.length;
  const times = new Float64Array(n);
  // Character offset of each event's data in the whole output; offsets[n] is its length. The
  // output is never joined whole up front (a 50 MB cast would spend a third of a second on it):
  // seeks join only the tail they write, search joins it once on first use.
  const offsets = new Int32Array(n + 1);
  const resizes: number[] = [];
  let length = 0;
  for (let k = 0; k < n; k++) {
    const e = events[k]!;
    times[k] = e.time;
    offsets[k] = length;
    length += e.data.length;
    if (e.resize) resizes.push(k);
  }
  offsets[n] = length;

  const eventIndexAt = (time: number) => (Number.isNaN(time) ? 0 : lastAtOrBefore(times, time) + 1);
  const clampIndex = (k: number) => Math.max(0, Math.min(n, Math.floor(k)));
  const outputBetween = (from: number, to: number) => {
    const a = clampIndex(from);
    const b = clampIndex(to);
    if (b - a === 1) return events[a]!.data;
    const parts = new Array<string>(Math.max(0, b - a));
    for (let k = a; k < b; k++) parts[k - a] = events[k]!.data;
    return parts.join("");
  };

  // Alternate-screen switches as (event, position in it, entering?), found on the first need.
  let altSwitches: { event: number; at: number; enter: boolean }[] | null = null;
  const switches = () => {
    if (!altSwitches) {
      altSwitches = [];
      for (let k = 0; k < n; k++) {
        const data = events[k]!.data;
        if (!data.includes("\x1b[?")) continue;
        for (const m of data.matchAll(ALT_SCREEN)) altSwitches.push({ event: k, at: m.index, enter: m[1] === "h" });
      }
    }
    return altSwitches;
  };
  /** The last switch before (event, at), or undefined. */
  const lastSwitchBefore = (event: number, at: number) => {
    let last: { event: number; at: number; enter: boolean } | undefined;
    for (const s of switches()) {
      if (s.event > event || (s.event === event && s.at >= at)) break;
      last = s;
    }
    return last;
  };

  let search: { text: string; offsets: Int32Array } | null = null;

  return {
    cast,
    eventIndexAt,
    outputBetween,
    charsBetween: (from, to) => Math.max(0, offsets[clampIndex(to)]! - offsets[clampIndex(from)]!),
    outputUntil: (time) => outputBetween(0, eventIndexAt(time)),
    seekOutput(time, { lines = SEEK_LINES, maxChars = SEEK_MAX_CHARS } = {}) {
      const to = eventIndexAt(time);
      const end = offsets[to]!;
      // Walk back from the end to just after the line feed that leaves `lines` lines.
      let event = to;
      let at = 0;
      let feeds = 0;
      walk: while (event > 0) {
        const k = event - 1;
        const data = events[k]!.data;
        let p = data.length;
        while (p > 0) {
          const lf = data.lastIndexOf("\n", p - 1);
          if (lf < 0) break;
          if (++feeds > lines) {
            event = k;
            at = lf + 1;
            break walk;
          }
          p = lf;
        }
        event = k;
        at = 0;
        if (end - offsets[k]! > maxChars) break;
      }
      // A full-screen program draws from its entry into the alternate screen: start there when nearer.
      const entered = lastSwitchBefore(to, 0);
      if (entered?.enter && (entered.event > event || (entered.event === event && entered.at > at))) {
        event = entered.event;
        at = entered.at;
      }
      if (end - (offsets[event]! + at) > maxChars) {
        // Too far back: the first whole event within the budget (a cut inside one could split a sequence).
        event = lastAtOrBefore(offsets, end - maxChars, n + 1);
        if (offsets[event]! < end - maxChars) event++;
        event = Math.min(event, to);
        at = 0;
      }
      if (event === 0 && at === 0) return { text: outputBetween(0, to), from: 0, to };
      const head = event < to ? events[event]!.data.slice(at) : "";
      const text = head + outputBetween(event + 1, to);
      const inAlt = event < to && lastSwitchBefore(event, at)?.enter === true;
      return { text: inAlt ? `\x1b[?1049h${text}` : text, from: event, to };
    },
    sizeAt(time) {
      const count = eventIndexAt(time);
      const r = lastAtOrBefore(resizes, count - 1);
      const e = r >= 0 ? events[resizes[r]!] : undefined;
      return e?.resize ? { ...e.resize } : { cols: cast.width, rows: cast.height };
    },
    resizesBetween(from, to) {
      const out: number[] = [];
      for (let r = lastAtOrBefore(resizes, from - 1) + 1; r < resizes.length && resizes[r]! < to; r++) out.push(resizes[r]!);
      return out;
    },
    findText(query, limit = Infinity) {
      search ??= stripForSearch(outputBetween(0, n), offsets, n);
      return searchStripped(search, times, query, limit);
    },
  };
}

const indexes = new WeakMap<Cast, CastIndex>();

/** indexCast, remembered per cast object (for the standalone helpers below). */
function cachedIndex(cast: Cast): CastIndex {
  let index = indexes.get(cast);
  if (!index) {
    index = indexCast(cast);
    indexes.set(cast, index);
  }
  return index;
}

/** Concatenated output of the events with time ≤ `time` (the index is built once per cast). */
export function outputUntil(cast: Cast, time: number): string {
  return cachedIndex(cast).outputUntil(time);
}

/**
 * Times where the output contains `query`, case-insensitively, in the text with escape sequences
 * and control characters (other than newline and tab) removed. A match may span events; its time
 * is that of the event in which it ends, so seeking there shows it. One entry per distinct time,
 * in order; at most `limit` entries. An empty query matches nothing.
 */
export function findText(cast: Cast, query: string, limit = Infinity): TextMatch[] {
  return cachedIndex(cast).findText(query, limit);
}

/** Parser states of stripForSearch (plain numbers: this loop runs once per character). */
const S = { Ground: 0, Esc: 1, EscIntermediate: 2, Csi: 3, Osc: 4, OscEsc: 5, Str: 6, StrEsc: 7 } as const;
type State = (typeof S)[keyof typeof S];

/**
 * The output as a terminal would show it, roughly: escape sequences (CSI, OSC, DCS, SOS, PM, APC,
 * 7- and 8-bit introducers), carriage returns and other controls removed, lowercased per event.
 * The parser state carries across events, so a sequence split between two events is still
 * removed. offsets[k] is where event k's text starts.
 */
function stripForSearch(full: string, eventOffsets: Int32Array, n: number): { text: string; offsets: Int32Array } {
  const out: string[] = [];
  const offsets = new Int32Array(n + 1);
  let length = 0;
  let state: State = S.Ground;
  for (let k = 0; k < n; k++) {
    offsets[k] = length;
    const start = eventOffsets[k]!;
    const end = eventOffsets[k + 1]!;
    let run = -1; // start of the current run of printable characters
    for (let p = start; p < end; p++) {
      const c = full.charCodeAt(p);
      if (state === S.Ground) {
        if ((c >= 0x20 && c < 0x7f) || c === 0x0a || c === 0x09 || c >= 0xa0) {
          if (run < 0) run = p;
          continue;
        }
        if (run >= 0) {
          out.push(full.slice(run, p));
          length += p - run;
          run = -1;
        }
        if (c === 0x1b) state = S.Esc;
        else if (c === 0x9b) state = S.Csi;
        else if (c === 0x9d) state = S.Osc;
        else if (c === 0x90 || c === 0x98 || c === 0x9e || c === 0x9f) state = S.Str;
        continue; // other controls (CR, BS, BEL, DEL, C1) are dropped
      }
      if (c === 0x18 || c === 0x1a) {
        state = S.Ground; // CAN and SUB abort any sequence
        continue;
      }
      switch (state) {
        case S.Esc:
          if (c === 0x5b) state = S.Csi;
          else if (c === 0x5d) state = S.Osc;
          else if (c === 0x50 || c === 0x58 || c === 0x5e || c === 0x5f) state = S.Str;
          else if (c >= 0x20 && c <= 0x2f) state = S.EscIntermediate;
          else if (c >= 0x30) state = S.Ground; // a final byte (or garbage) ends it
          break;
        case S.EscIntermediate:
          if (c === 0x1b) state = S.Esc;
          else if (c >= 0x30 && c <= 0x7e) state = S.Ground;
          break;
        case S.Csi:
          if (c === 0x1b) state = S.Esc;
          else if (c >= 0x40) state = S.Ground; // a final byte (or garbage) ends it
          break;
        case S.Osc:
          if (c === 0x07 || c === 0x9c) state = S.Ground;
          else if (c === 0x1b) state = S.OscEsc;
          break;
        case S.Str:
          if (c === 0x9c) state = S.Ground;
          else if (c === 0x1b) state = S.StrEsc;
          break;
        case S.OscEsc:
        case S.StrEsc:
          // ESC \ is the string terminator; ESC anything else ends the string and starts a sequence.
          if (c === 0x5c) state = S.Ground;
          else if (c === 0x5b) state = S.Csi;
          else if (c === 0x5d) state = S.Osc;
          else if (c === 0x1b) state = S.Esc;
          else state = S.Ground;
          break;
      }
    }
    if (run >= 0) {
      out.push(full.slice(run, end));
      length += end - run;
    }
  }
  offsets[n] = length;
  const text = out.join("");
  const lower = text.toLowerCase();
  if (lower.length === text.length) return { text: lower, offsets };
  // Some character lowercases to more than one (U+0130 İ): lowercase event by event instead.
  const parts: string[] = [];
  const lowerOffsets = new Int32Array(n + 1);
  let at = 0;
  for (let k = 0; k < n; k++) {
    lowerOffsets[k] = at;
    const part = text.slice(offsets[k], offsets[k + 1]).toLowerCase();
    parts.push(part);
    at += part.length;
  }
  lowerOffsets[n] = at;
  return { text: parts.join(""), offsets: lowerOffsets };
}

function searchStripped(search: { text: string; offsets: Int32Array }, times: Float64Array, query: string, limit: number): TextMatch[] {
  const needle = query.toLowerCase();
  const matches: TextMatch[] = [];
  if (needle === "") return matches;
  const n = times.length;
  let from = 0;
  while (matches.length < limit) {
    const at = search.text.indexOf(needle, from);
    if (at < 0) break;
    const endChar = at + needle.length - 1;
    const event = Math.min(lastAtOrBefore(search.offsets, endChar, n), n - 1);
    const time = times[event]!;
    if (matches.length === 0 || matches[matches.length - 1]!.time !== time) matches.push({ time, event });
    from = at + 1;
  }
  return matches;
}
