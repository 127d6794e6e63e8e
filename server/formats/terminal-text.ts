import { Buffer } from "node:buffer";

/*
 * Turns terminal output (the `o` data of a recording) into the plain text a reader would have seen.
 *
 * Stripping escape sequences is not enough: agents' consoles redraw spinners with `\r` and
 * `ESC[2K`, move the cursor up to erase a line, and shells echo backspaces as `\b ESC[K`. A
 * naive strip leaves every spinner frame and every erased character in the text. So this is a
 * small line-oriented terminal: rows with soft wrap at the terminal width, cursor movement,
 * erase in line/display, insert/delete characters. Colours, modes and titles are dropped. What a
 * full-screen program draws on the alternate screen (vim, less, top) is left out: it is a
 * picture, not a transcript, and it is gone from the normal screen when the program exits.
 *
 * Clearing the screen (`clear`, `ESC[2J`) does not delete history here: it starts a new screen
 * below the old one, so a transcript keeps what was on the screen before (as scrollback would).
 *
 * Every cell remembers when it was written, so callers can tell when a line (or a command typed
 * after a prompt) appeared in the recording.
 *
 * Performance: recordings are megabytes of output, mostly redraws (a spinner line rewritten
 * thousands of times, each with colour sequences), and the text that survives is a small part of
 * it. So the hot path does no allocation per character or per escape sequence: input is scanned
 * with charCodeAt, runs of printable characters are copied straight into the row's cells, escape
 * sequences are read in place (numbers parsed without slicing or regexes), and sequences that
 * cannot change the text (colours, above all) are dismissed by their final byte. Only the rows
 * on the screen are kept as cells; rows that scroll off are frozen into a string and a few time
 * runs (see Row), so memory follows the text kept, not the bytes seen.
 */

/** A logical line: rows joined where the terminal soft-wrapped them. `times[i]` is when `text`'s i-th code point was written. */
export type TextLine = { text: string; times: number[]; terminated: boolean };

const ESC = 0x1b;
const SPACE = 0x20;
/** Stands in for a frozen row's cell arrays: frozen, so a write that skipped thaw() throws. */
const NO_CELLS: number[] = Object.freeze([]) as unknown as number[];

/**
 * One terminal row: `length` cells, each a code point and the time it was written.
 *
 * A row on the screen is mutable: plain arrays of small integers and of doubles (V8 stores both
 * unboxed, and grows them in place far more cheaply than typed arrays can be reallocated). They
 * may hold stale cells past `length`: erasing only shortens the row.
 *
 * A row that has scrolled off the screen is frozen: its cells become a string and its times runs
 * of equal times (a row is mostly written by a few writes): one or two bytes per character
 * instead of sixteen. The cursor cannot normally reach it again; if it does (the terminal grew
 * taller, or rows below it were erased), it is thawed back first. Every change to a row goes
 * through TerminalText.current(), which thaws.
 */
class Row {
  codes: number[] = [];
  times: number[] = [];
  length = 0;
  /** The text continues on the next row (the terminal wrapped it, no newline was printed). */
  wrapped = false;
  /** Frozen: the cells as text (one code point each), or null while the row is mutable. */
  text: string | null = null;
  /** Frozen: `[firstCell, time, firstCell, time, …]`, where each run of equal times starts. */
  runs: number[] = NO_CELLS;

  /** Whether every cell is blank (an empty row is). */
  blank(): boolean {
    if (this.text !== null) {
      for (let c = 0; c < this.text.length; c++) if (this.text.charCodeAt(c) !== SPACE) return false;
      return true;
    }
    for (let c = 0; c < this.length; c++) if (this.codes[c] !== SPACE) return false;
    return true;
  }

  /** The cells as text. */
  string(): string {
    return this.text ?? cellsText(this.codes, this.length);
  }

  /** Writes the cells' times into `out` from `at`; returns the index after them. */
  copyTimes(out: number[], at: number): number {
    if (this.text === null) {
      for (let c = 0; c < this.length; c++) out[at++] = this.times[c]!;
      return at;
    }
    const runs = this.runs;
    for (let k = 0; k < runs.length; k += 2) {
      const end = k + 2 < runs.length ? runs[k + 2]! : this.length;
      const time = runs[k + 1]!;
      for (let c = runs[k]!; c < end; c++) out[at++] = time;
    }
    return at;
  }

  freeze() {
    if (this.text !== null) return;
    const codes = this.codes;
    // A cell holding half a surrogate pair (one split between two writes) would pair up with its
    // neighbour in a string and come back as one cell: such a row stays as it is.
    for (let c = 0; c < this.length; c++) if (codes[c]! >= 0xd800 && codes[c]! <= 0xdfff) return;
    const runs: number[] = [];
    for (let c = 0; c < this.length; c++) {
      const time = this.times[c]!;
      if (c === 0 || !Object.is(time, runs[runs.length - 1])) runs.push(c, time);
    }
    this.text = cellsText(codes, this.length);
    this.runs = runs;
    this.codes = NO_CELLS;
    this.times = NO_CELLS;
  }

  thaw() {
    const text = this.text!;
    const codes: number[] = [];
    for (let i = 0; i < text.length; ) {
      const code = text.codePointAt(i)!;
      codes.push(code);
      i += code > 0xffff ? 2 : 1;
    }
    const times: number[] = [];
    this.copyTimes(times, 0);
    this.codes = codes;
    this.times = times;
    this.text = null;
    this.runs = NO_CELLS;
  }
}

export class TerminalText {
  private rows: Row[] = [];
  private row = 0;
  private col = 0;
  private screenTop = 0;
  private altScreen = false;
  /** An escape sequence cut between two writes (events split data anywhere). */
  private pending = "";
  /** `pending` is a control string waiting for its end (see write). */
  private pendingString = false;

  constructor(
    private width: number,
    private height: number,
  ) {}

  resize(width: number, height: number) {
    this.width = Math.max(1, width);
    this.height = Math.max(1, height);
  }

  write(data: string, time: number) {
    if (this.pendingString && data.indexOf("\u0007") < 0 && data.indexOf("\u001b") < 0) {
      // Inside a control string (OSC, DCS, …) that this write cannot end: all of it belongs to
      // the string. (Rescanning the pending string on every write would be quadratic when one is
      // left unterminated: everything after it is swallowed, a write at a time.)
      this.pending += data;
      return;
    }
    // Joined, not concatenated: `+` would make a cons string, and one of those reaching the loops
    // below makes V8 compile them for every kind of string, several times slower.
    const input = this.pending === "" ? data : [this.pending, data].join("");
    this.pending = "";
    this.pendingString = false;
    const n = input.length;
    let i = 0;
    while (i < n) {
      const code = input.charCodeAt(i);
      if (code === ESC) {
        const length = escapeLength(input, i);
        if (length === 0) {
          this.pending = input.slice(i);
          this.pendingString = openString(this.pending);
          return;
        }
        this.escape(input, i, length);
        i += length;
      } else if (code < 0x20 || code === 0x7f) {
        this.control(code);
        i++;
      } else if (code >= 0x80 && code < 0xa0) {
        // C1 controls: not printable; 8-bit CSI is not used by the terminals that record casts.
        i++;
      } else {
        i = this.print(input, i, time);
      }
    }
  }

  /** The text as logical lines (soft-wrapped rows joined). */
  lines(): TextLine[] {
    const out: TextLine[] = [];
    const last = this.rows.length - 1;
    let first = 0;
    for (let index = 0; index <= last; index++) {
      if (this.rows[index]!.wrapped && index < last) continue;
      let cells = 0;
      for (let k = first; k <= index; k++) cells += this.rows[k]!.length;
      // Sized once (the cells are known), so the array holds no spare capacity.
      const times = new Array<number>(cells);
      for (let k = first, at = 0; k <= index; k++) at = this.rows[k]!.copyTimes(times, at);
      out.push({ text: this.lineText(first, index), times, terminated: index < last });
      first = index + 1;
    }
    return out;
  }

  /** Plain text, trailing spaces trimmed from each line. */
  text(): string {
    const out: string[] = [];
    const last = this.rows.length - 1;
    let first = 0;
    for (let index = 0; index <= last; index++) {
      if (this.rows[index]!.wrapped && index < last) continue;
      out.push(this.lineText(first, index).trimEnd());
      first = index + 1;
    }
    return out.join("\n");
  }

  /** The text of rows [first, last], joined. */
  private lineText(first: number, last: number): string {
    if (first === last) return this.rows[first]!.string();
    const parts: string[] = [];
    for (let k = first; k <= last; k++) parts.push(this.rows[k]!.string());
    return parts.join("");
  }

  /** The first row of the visible screen: after a clear, or `height` rows above the last. */
  private top(): number {
    return Math.max(this.screenTop, this.rows.length - this.height);
  }

  /** The cursor's row, mutable. */
  private current(): Row {
    if (this.row >= this.rows.length) return this.addRows();
    const r = this.rows[this.row]!;
    if (r.text !== null) r.thaw();
    return r;
  }

  /** Adds rows down to the cursor's. The row each new one pushes `height` rows above it is frozen. */
  private addRows(): Row {
    while (this.rows.length <= this.row) {
      this.rows.push(new Row());
      const off = this.rows.length - 1 - this.height;
      if (off >= 0) this.rows[off]!.freeze();
    }
    return this.rows[this.row]!;
  }

  /**
   * Prints the run of printable characters starting at `start` (which is one) and returns the
   * index after it: the first control or escape character, or the end of `input`. C1 controls
   * inside the run are skipped. Cells are written directly; the run continues on the next row
   * when it reaches the width.
   */
  private print(input: string, start: number, time: number): number {
    const n = input.length;
    let i = start;
    if (this.altScreen) {
      // Nothing drawn on the alternate screen is kept: skip to the next control or escape.
      while (i < n) {
        const code = input.charCodeAt(i);
        if (code < 0x20 || code === 0x7f) break;
        i++;
      }
      return i;
    }
    const width = this.width;
    for (;;) {
      if (this.col >= width) {
        // Pending wrap: the terminal moves to the next row only when another character arrives.
        this.current().wrapped = true;
        this.row++;
        this.col = 0;
      }
      const r = this.current();
      let col = this.col;
      const codes = r.codes;
      const times = r.times;
      // Printing past the end of the row fills the gap with blanks. (Cells are written in order
      // from at most `length`, so the arrays never get holes.)
      for (let c = r.length; c < col; c++) {
        codes[c] = SPACE;
        times[c] = time;
      }
      while (col < width && i < n) {
        // Printable ASCII, the bulk of any recording: one test per character. (One code unit
        // per cell here, so `limit` bounds both the row and the input.)
        const limit = Math.min(width, col + (n - i));
        while (col < limit) {
          const code = input.charCodeAt(i);
          if (code < 0x20 || code >= 0x7f) break;
          codes[col] = code;
          times[col] = time;
          col++;
          i++;
        }
        if (col >= limit) break;
        let code = input.charCodeAt(i);
        if (code < 0x20 || code === 0x7f) break; // a control or escape ends the run
        if (code < 0xa0) {
          i++; // C1 control: not shown
          continue;
        }
        if (code >= 0xd800 && code <= 0xdbff && i + 1 < n) {
          // A surrogate pair is one character, one cell; a lone surrogate is a cell of its own.
          const low = input.charCodeAt(i + 1);
          if (low >= 0xdc00 && low <= 0xdfff) {
            code = ((code - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
            i++;
          }
        }
        codes[col] = code;
        times[col] = time;
        col++;
        i++;
      }
      if (col > r.length) r.length = col;
      this.col = col;
      if (col < width) return i;
      // The row is full: wrap only if another printable character follows (C1 controls are not).
      while (i < n) {
        const code = input.charCodeAt(i);
        if (code < 0x80 || code >= 0xa0) break;
        i++;
      }
      if (i >= n) return i;
      const next = input.charCodeAt(i);
      if (next < 0x20 || next === 0x7f) return i;
    }
  }

  private control(code: number) {
    if (this.altScreen) return;
    switch (code) {
      case 0x0a: // \n
        // Recordings hold what the pty wrote (normally \r\n); a bare \n is taken as a new line too.
        this.current().wrapped = false;
        this.row++;
        this.col = 0;
        this.current();
        break;
      case 0x0d: // \r
        this.col = 0;
        break;
      case 0x08: // \b
        this.col = Math.max(0, Math.min(this.col, this.width) - 1);
        break;
      case 0x09: // \t
        this.col = Math.min(this.width, (Math.floor(this.col / 8) + 1) * 8);
        break;
      default:
      // BEL and other C0 controls change nothing on screen.
    }
  }

  /** The escape sequence of `length` characters at `start` in `input` (see escapeLength). */
  private escape(input: string, start: number, length: number) {
    const kind = input.charCodeAt(start + 1);
    if (kind === 0x5b) {
      // CSI. Most (colours, above all) cannot change the text: dismissed by their final byte,
      // here, where it is cheap (this method is small enough to be inlined into write).
      const finalAt = start + length - 1;
      const final = input.charCodeAt(finalAt);
      if (final === 0x68 || final === 0x6c || ACTS_ON[final] === 1) this.csi(input, start + 2, finalAt);
      return;
    }
    if (this.altScreen) return;
    if (kind === 0x4d) this.row = Math.max(this.top(), this.row - 1); // M: reverse index
    if (kind === 0x63) this.newScreen(); // c: full reset
    // OSC (titles), DCS, charset selection, keypad modes: nothing to show.
  }

  /**
   * A CSI sequence whose final byte is h, l or one in ACTS_ON: parameters from `bodyStart` up to
   * the final byte at `finalAt`. (A CSI cut short by a control character has no final byte: its
   * last character stands in for one, and is never one of those.)
   */
  private csi(input: string, bodyStart: number, finalAt: number) {
    const final = input.charCodeAt(finalAt);
    const setMode = final === 0x68 || final === 0x6c; // h, l

    let start = bodyStart;
    let end = Math.max(bodyStart, finalAt);
    let marker = 0;
    const first = start < end ? input.charCodeAt(start) : 0;
    if (first >= 0x3c && first <= 0x3f) {
      marker = first; // ? > = <
      start++;
    }
    // Intermediate bytes (space to /) before the final are not part of the last parameter.
    while (end > start && input.charCodeAt(end - 1) >= 0x20 && input.charCodeAt(end - 1) <= 0x2f) end--;

    if (marker === 0x3f) {
      if (setMode) {
        // DEC private modes: 1049, 1047 and 47 switch to (h) and from (l) the alternate screen.
        for (let index = 0, count = paramCount(input, start, end); index < count; index++) {
          const mode = param(input, start, end, index);
          if (mode === 1049 || mode === 1047 || mode === 47) {
            this.altScreen = final === 0x68;
            break;
          }
        }
      }
      return;
    }
    if (marker !== 0 || this.altScreen || setMode) return;

    const n0 = param(input, start, end, 0);
    /** The first parameter as a count: at least 1 (missing or 0 mean 1). */
    const count = Math.max(1, Number.isNaN(n0) ? 1 : n0);
    switch (final) {
      case 0x41: // A: cursor up
        this.row = Math.max(this.top(), this.row - count);
        this.col = Math.min(this.col, this.width - 1);
        break;
      case 0x42: // B: cursor down
        this.row += count;
        this.col = Math.min(this.col, this.width - 1);
        break;
      case 0x43: // C: cursor forward
        this.col = Math.min(this.width - 1, this.col + count);
        break;
      case 0x44: // D: cursor back
        this.col = Math.max(0, Math.min(this.col, this.width - 1) - count);
        break;
      case 0x45: // E: next line
        this.row += count;
        this.col = 0;
        break;
      case 0x46: // F: previous line
        this.row = Math.max(this.top(), this.row - count);
        this.col = 0;
        break;
      case 0x47: // G: column
      case 0x60: // `
        this.col = Math.min(this.width - 1, Math.max(0, (Number.isNaN(n0) ? 1 : n0) - 1));
        break;
      case 0x64: // d: row
        this.row = this.top() + Math.max(0, (Number.isNaN(n0) ? 1 : n0) - 1);
        break;
      case 0x48: // H: position
      case 0x66: {
        // f
        const n1 = param(input, start, end, 1);
        this.row = this.top() + Math.max(0, (Number.isNaN(n0) ? 1 : n0) - 1);
        this.col = Math.min(this.width - 1, Math.max(0, (Number.isNaN(n1) ? 1 : n1) - 1));
        break;
      }
      case 0x4a: // J: erase in display
        this.eraseDisplay(Number.isNaN(n0) ? 0 : n0);
        break;
      case 0x4b: // K: erase in line
        this.eraseLine(Number.isNaN(n0) ? 0 : n0);
        break;
      case 0x50: {
        // P: delete characters (the rest of the row moves left)
        const r = this.current();
        if (this.col < r.length) {
          const removed = Math.min(count, r.length - this.col);
          r.codes.copyWithin(this.col, this.col + removed, r.length);
          r.times.copyWithin(this.col, this.col + removed, r.length);
          r.length -= removed;
        }
        break;
      }
      case 0x40: {
        // @: insert blanks (the rest of the row moves right; it may then be longer than the width)
        const r = this.current();
        if (this.col < r.length) {
          const time = r.times[this.col]!;
          // Grow the arrays by appending (keeps them packed), then shift the tail right.
          while (r.codes.length < r.length + count) r.codes.push(SPACE);
          while (r.times.length < r.length + count) r.times.push(time);
          r.codes.copyWithin(this.col + count, this.col, r.length);
          r.times.copyWithin(this.col + count, this.col, r.length);
          r.codes.fill(SPACE, this.col, this.col + count);
          r.times.fill(time, this.col, this.col + count);
          r.length += count;
        }
        break;
      }
      case 0x58: {
        // X: erase characters (blanked in place)
        const r = this.current();
        if (this.col < r.length) r.codes.fill(SPACE, this.col, Math.min(r.length, this.col + count));
        break;
      }
      default:
      // Not one of ours (escape() passes only finals in ACTS_ON, and h and l, handled above).
    }
  }

  private eraseLine(mode: number) {
    const r = this.current();
    if (mode === 0) {
      r.length = Math.min(r.length, this.col);
      r.wrapped = false;
    } else if (mode === 1) {
      r.codes.fill(SPACE, 0, Math.min(this.col + 1, r.length));
    } else {
      r.length = 0;
      r.wrapped = false;
    }
  }

  private eraseDisplay(mode: number) {
    if (mode === 2 || mode === 3 || (mode === 0 && this.row === this.top() && this.col === 0)) {
      this.newScreen();
      return;
    }
    if (mode === 0) {
      this.eraseLine(0);
      this.rows.length = Math.min(this.rows.length, this.row + 1);
    }
  }

  /** A cleared screen starts below the old one: the transcript keeps what was shown before. */
  private newScreen() {
    while (this.rows.length > 0 && this.rows[this.rows.length - 1]!.blank()) this.rows.pop();
    if (this.rows.length > 0) this.rows[this.rows.length - 1]!.wrapped = false;
    this.screenTop = this.rows.length;
    this.row = this.screenTop;
    this.col = 0;
  }
}

/** CSI finals that can change the text (cursor movement, erasing, inserting, deleting): 1 at their char code. */
const ACTS_ON = new Uint8Array(128);
for (const final of "ABCDEFG`dHfJKP@X") ACTS_ON[final.charCodeAt(0)] = 1;

/** How many `;`-separated parameters `input` holds in [start, end) (an empty one counts). */
function paramCount(input: string, start: number, end: number): number {
  let count = 1;
  for (let i = start; i < end; i++) if (input.charCodeAt(i) === 0x3b) count++;
  return count;
}

/**
 * The `index`-th `;`-separated parameter in [start, end) of `input`, read as parseInt reads it
 * (leading spaces and a sign allowed, digits up to the first other character), NaN if it is
 * missing or has no digits.
 */
function param(input: string, start: number, end: number, index: number): number {
  let i = start;
  for (let skip = index; skip > 0; i++) {
    if (i >= end) return NaN;
    if (input.charCodeAt(i) === 0x3b) skip--;
  }
  while (i < end && input.charCodeAt(i) === SPACE) i++;
  let negative = false;
  if (i < end) {
    const sign = input.charCodeAt(i);
    if (sign === 0x2d || sign === 0x2b) {
      negative = sign === 0x2d;
      i++;
    }
  }
  let value = NaN;
  for (; i < end; i++) {
    const digit = input.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) break;
    value = Number.isNaN(value) ? digit : value * 10 + digit;
  }
  return negative ? -value : value;
}

// Scratch space for building a row's text (reused: rows are turned into text one at a time).
let latin1 = Buffer.allocUnsafeSlow(1024);
let utf16 = new Uint16Array(1024);

/** The text of `length` cells, one code point each. */
function cellsText(codes: number[], length: number): string {
  let units = length;
  let narrow = true; // all cells < 0x100: one byte each, and a one-byte string (half the memory)
  for (let c = 0; c < length; c++) {
    const code = codes[c]!;
    if (code > 0xff) {
      narrow = false;
      if (code > 0xffff) units++;
    }
  }
  if (units === 0) return "";
  if (narrow) {
    if (latin1.length < units) latin1 = Buffer.allocUnsafeSlow(Math.max(units, latin1.length * 2));
    for (let c = 0; c < length; c++) latin1[c] = codes[c]!;
    return latin1.toString("latin1", 0, units);
  }
  if (utf16.length < units) utf16 = new Uint16Array(Math.max(units, utf16.length * 2));
  let at = 0;
  for (let c = 0; c < length; c++) {
    const code = codes[c]!;
    if (code > 0xffff) {
      utf16[at++] = 0xd800 + ((code - 0x10000) >> 10);
      utf16[at++] = 0xdc00 + ((code - 0x10000) & 0x3ff);
    } else {
      utf16[at++] = code;
    }
  }
  return Buffer.from(utf16.buffer, utf16.byteOffset, units * 2).toString("utf16le");
}

/** Whether `pending` (an escape sequence cut short) is a control string waiting for its BEL or ST. */
function openString(pending: string): boolean {
  const kind = pending.charCodeAt(1);
  const stringKind = kind === 0x5d || kind === 0x50 || kind === 0x58 || kind === 0x5e || kind === 0x5f; // ] P X ^ _
  // Ending in ESC, it may be ended by a backslash (ST) at the start of the next write.
  return stringKind && pending.charCodeAt(pending.length - 1) !== ESC;
}

/**
 * The length of the escape sequence starting at `i`, or 0 if the text ends inside it.
 * CSI `ESC [ … final`, OSC `ESC ] … BEL|ST`, DCS/SOS/PM/APC `ESC P|X|^|_ … ST`,
 * `ESC intermediate… final` (charset selection) and two-character escapes.
 */
export function escapeLength(text: string, i: number): number {
  if (i + 1 >= text.length) return 0;
  const next = text.charCodeAt(i + 1);
  if (next === 0x5b) {
    // [
    for (let j = i + 2; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (c >= 0x40 && c <= 0x7e) return j - i + 1;
      // A control character inside a CSI aborts it (xterm executes the control).
      if (c < 0x20 || c > 0x7e) return j - i;
    }
    return 0;
  }
  if (next === 0x5d || next === 0x50 || next === 0x58 || next === 0x5e || next === 0x5f) {
    // ] P X ^ _
    for (let j = i + 2; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (c === 0x07) return j - i + 1;
      if (c === ESC) {
        if (j + 1 >= text.length) return 0;
        // ST ends the string; any other escape aborts it and starts a sequence of its own.
        return text.charCodeAt(j + 1) === 0x5c ? j - i + 2 : j - i;
      }
    }
    return 0;
  }
  if (next >= 0x20 && next <= 0x2f) return i + 2 < text.length ? 3 : 0;
  return 2;
}
