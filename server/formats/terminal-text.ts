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
 */

type Row = { chars: string[]; times: number[]; wrapped: boolean };

/** A logical line: rows joined where the terminal soft-wrapped them. `times[i]` is when `text`'s i-th code point was written. */
export type TextLine = { text: string; times: number[]; terminated: boolean };

const ESC = "\u001b";

export class TerminalText {
  private rows: Row[] = [];
  private row = 0;
  private col = 0;
  private screenTop = 0;
  private altScreen = false;
  /** An escape sequence cut between two writes (events split data anywhere). */
  private pending = "";

  constructor(
    private width: number,
    private height: number,
  ) {}

  resize(width: number, height: number) {
    this.width = Math.max(1, width);
    this.height = Math.max(1, height);
  }

  write(data: string, time: number) {
    const input = this.pending + data;
    this.pending = "";
    let i = 0;
    while (i < input.length) {
      const ch = input[i]!;
      if (ch === ESC) {
        const length = escapeLength(input, i);
        if (length === 0) {
          this.pending = input.slice(i);
          return;
        }
        this.escape(input.slice(i, i + length));
        i += length;
        continue;
      }
      const code = input.codePointAt(i)!;
      const size = code > 0xffff ? 2 : 1;
      if (code < 0x20 || code === 0x7f) this.control(ch);
      else if (code >= 0x80 && code < 0xa0) {
        // C1 controls: not printable; 8-bit CSI is not used by the terminals that record casts.
      } else this.print(input.slice(i, i + size), time);
      i += size;
    }
  }

  /** The text as logical lines (soft-wrapped rows joined). */
  lines(): TextLine[] {
    const out: TextLine[] = [];
    let chars: string[] = [];
    let times: number[] = [];
    this.rows.forEach((r, index) => {
      chars = chars.concat(r.chars);
      times = times.concat(r.times);
      if (r.wrapped && index < this.rows.length - 1) return;
      out.push({ text: chars.join(""), times, terminated: index < this.rows.length - 1 });
      chars = [];
      times = [];
    });
    return out;
  }

  /** Plain text, trailing spaces trimmed from each line. */
  text(): string {
    return this.lines()
      .map((l) => l.text.trimEnd())
      .join("\n");
  }

  /** The first row of the visible screen: after a clear, or `height` rows above the last. */
  private top(): number {
    return Math.max(this.screenTop, this.rows.length - this.height);
  }

  private current(): Row {
    while (this.rows.length <= this.row) this.rows.push({ chars: [], times: [], wrapped: false });
    return this.rows[this.row]!;
  }

  private print(ch: string, time: number) {
    if (this.altScreen) return;
    if (this.col >= this.width) {
      // Pending wrap: the terminal moves to the next row only when another character arrives.
      this.current().wrapped = true;
      this.row++;
      this.col = 0;
    }
    const r = this.current();
    while (r.chars.length < this.col) {
      r.chars.push(" ");
      r.times.push(time);
    }
    r.chars[this.col] = ch;
    r.times[this.col] = time;
    this.col++;
  }

  private control(ch: string) {
    if (this.altScreen) return;
    switch (ch) {
      case "\n":
        // Recordings hold what the pty wrote (normally \r\n); a bare \n is taken as a new line too.
        this.current().wrapped = false;
        this.row++;
        this.col = 0;
        this.current();
        break;
      case "\r":
        this.col = 0;
        break;
      case "\b":
        this.col = Math.max(0, Math.min(this.col, this.width) - 1);
        break;
      case "\t":
        this.col = Math.min(this.width, (Math.floor(this.col / 8) + 1) * 8);
        break;
      default:
      // BEL and other C0 controls change nothing on screen.
    }
  }

  private escape(seq: string) {
    const kind = seq[1];
    if (kind === "[") return this.csi(seq);
    if (this.altScreen) return;
    if (kind === "M") this.row = Math.max(this.top(), this.row - 1); // reverse index
    if (kind === "c") this.newScreen(); // full reset
    // OSC (titles), DCS, charset selection, keypad modes: nothing to show.
  }

  private csi(seq: string) {
    const final = seq[seq.length - 1]!;
    const body = seq.slice(2, -1);
    const privateMarker = /^[?>=<]/.test(body) ? body[0] : "";
    const params = body
      .slice(privateMarker ? 1 : 0)
      .replace(/[ -/]+$/, "")
      .split(";")
      .map((p) => (p === "" ? NaN : Number.parseInt(p, 10)));
    const n = (index: number, fallback: number) => {
      const v = params[index];
      return v === undefined || Number.isNaN(v) ? fallback : v;
    };

    if (privateMarker === "?") {
      if (final === "h" || final === "l") {
        const modes = params.filter((p) => !Number.isNaN(p));
        if (modes.some((m) => m === 1049 || m === 1047 || m === 47)) this.altScreen = final === "h";
      }
      return;
    }
    if (privateMarker || this.altScreen) return;

    switch (final) {
      case "A":
        this.row = Math.max(this.top(), this.row - Math.max(1, n(0, 1)));
        this.col = Math.min(this.col, this.width - 1);
        break;
      case "B":
        this.row += Math.max(1, n(0, 1));
        this.col = Math.min(this.col, this.width - 1);
        break;
      case "C":
        this.col = Math.min(this.width - 1, this.col + Math.max(1, n(0, 1)));
        break;
      case "D":
        this.col = Math.max(0, Math.min(this.col, this.width - 1) - Math.max(1, n(0, 1)));
        break;
      case "E":
        this.row += Math.max(1, n(0, 1));
        this.col = 0;
        break;
      case "F":
        this.row = Math.max(this.top(), this.row - Math.max(1, n(0, 1)));
        this.col = 0;
        break;
      case "G":
      case "`":
        this.col = Math.min(this.width - 1, Math.max(0, n(0, 1) - 1));
        break;
      case "d":
        this.row = this.top() + Math.max(0, n(0, 1) - 1);
        break;
      case "H":
      case "f":
        this.row = this.top() + Math.max(0, n(0, 1) - 1);
        this.col = Math.min(this.width - 1, Math.max(0, n(1, 1) - 1));
        break;
      case "J":
        this.eraseDisplay(n(0, 0));
        break;
      case "K":
        this.eraseLine(n(0, 0));
        break;
      case "P":
        this.current().chars.splice(this.col, Math.max(1, n(0, 1)));
        this.current().times.splice(this.col, Math.max(1, n(0, 1)));
        break;
      case "@": {
        const r = this.current();
        if (this.col < r.chars.length) {
          const count = Math.max(1, n(0, 1));
          r.chars.splice(this.col, 0, ...Array<string>(count).fill(" "));
          r.times.splice(this.col, 0, ...Array<number>(count).fill(r.times[this.col] ?? 0));
        }
        break;
      }
      case "X": {
        const r = this.current();
        for (let c = this.col; c < Math.min(r.chars.length, this.col + Math.max(1, n(0, 1))); c++) r.chars[c] = " ";
        break;
      }
      default:
      // SGR colours, scroll regions, device queries and the rest do not change the text.
    }
  }

  private eraseLine(mode: number) {
    const r = this.current();
    if (mode === 0) {
      r.chars.length = Math.min(r.chars.length, this.col);
      r.times.length = r.chars.length;
      r.wrapped = false;
    } else if (mode === 1) {
      for (let c = 0; c <= Math.min(this.col, r.chars.length - 1); c++) r.chars[c] = " ";
    } else {
      r.chars = [];
      r.times = [];
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
    while (this.rows.length > 0 && this.rows[this.rows.length - 1]!.chars.every((c) => c === " ")) this.rows.pop();
    if (this.rows.length > 0) this.rows[this.rows.length - 1]!.wrapped = false;
    this.screenTop = this.rows.length;
    this.row = this.screenTop;
    this.col = 0;
  }
}

/**
 * The length of the escape sequence starting at `i`, or 0 if the text ends inside it.
 * CSI `ESC [ … final`, OSC `ESC ] … BEL|ST`, DCS/SOS/PM/APC `ESC P|X|^|_ … ST`,
 * `ESC intermediate… final` (charset selection) and two-character escapes.
 */
export function escapeLength(text: string, i: number): number {
  const next = text[i + 1];
  if (next === undefined) return 0;
  if (next === "[") {
    for (let j = i + 2; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (c >= 0x40 && c <= 0x7e) return j - i + 1;
      // A control character inside a CSI aborts it (xterm executes the control).
      if (c < 0x20 || c > 0x7e) return j - i;
    }
    return 0;
  }
  if (next === "]" || next === "P" || next === "X" || next === "^" || next === "_") {
    for (let j = i + 2; j < text.length; j++) {
      if (text[j] === "\u0007") return j - i + 1;
      if (text[j] === ESC) {
        if (text[j + 1] === undefined) return 0;
        // ST ends the string; any other escape aborts it and starts a sequence of its own.
        return text[j + 1] === "\\" ? j - i + 2 : j - i;
      }
    }
    return 0;
  }
  const c = next.charCodeAt(0);
  if (c >= 0x20 && c <= 0x2f) return i + 2 < text.length ? 3 : 0;
  return 2;
}
