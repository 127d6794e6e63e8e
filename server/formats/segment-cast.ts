import type { StepInput } from "../trajectories/trajectory-input";
import type { Cast, CastEvent } from "./parse-cast";
import { cleanText } from "./read-json";
import { learnPrompt, literalPrompt, trailingPromptStart, type ShellPrompt } from "./shell-prompt";
import { escapeLength, TerminalText, type TextLine } from "./terminal-text";

/*
 * Splits a recording into commands, each with what it printed. Two sources, best first:
 *
 * - input events (`i`, recorded with `asciinema rec --stdin`): every line of input submitted with
 *   Enter is a command — what was typed, backspaces applied — and the output until the next
 *   command is typed is its observation. Text sent in one write (tmux send-keys, a paste) with
 *   newlines inside is one command: a heredoc must not become three.
 * - shell prompts, when nothing was recorded as input (agent harnesses often record output only):
 *   the prompt is learned from the first lines, the text after it up to the newline is the
 *   command, and everything until the next prompt is its output.
 */

export type CastCommand = {
  action: string;
  /** The raw keys (input mode only), including Ctrl-C / Ctrl-D sent while the command ran. */
  keystrokes: string | null;
  /** Seconds from the start of the recording: the first keystroke, or when the command appeared after the prompt. */
  offset: number;
  /** What the command printed, as lines: its echo and the prompt after it removed. */
  output: TextLine[];
};

export type CastSegmentation = {
  method: "input" | "prompt" | "none";
  prompt: ShellPrompt | null;
  commands: CastCommand[];
};

export function segmentCast(cast: Cast): StepInput[] {
  return commandSteps(cast, segmentCastCommands(cast).commands);
}

export function segmentCastCommands(cast: Cast): CastSegmentation {
  const typed = typedCommands(cast.events);
  if (typed.length > 0) return fromInput(cast, typed);
  return fromPrompts(cast);
}

/** StepInputs for commands of `cast` (absolute start times when the header has a timestamp). */
export function commandSteps(cast: Cast, commands: CastCommand[]): StepInput[] {
  return commands.map((c) => ({
    source: "agent",
    startedAt: cast.timestamp === null ? null : new Date(Math.round((cast.timestamp + c.offset) * 1000)),
    recordingOffset: c.offset,
    action: cleanText(c.action),
    keystrokes: cleanText(c.keystrokes),
    observation: cleanText(outputText(c.output)),
  }));
}

/** Plain text of output lines: trailing spaces and surrounding blank lines removed. */
export function outputText(lines: TextLine[]): string {
  const text = lines.map((l) => l.text.trimEnd());
  let first = 0;
  let end = text.length;
  while (first < end && text[first] === "") first++;
  while (end > first && text[end - 1] === "") end--;
  return (first === 0 && end === text.length ? text : text.slice(first, end)).join("\n");
}

/** One sentence for the import report: how the steps were found. */
export function describeSegmentation(segmentation: CastSegmentation): string {
  const n = segmentation.commands.length;
  const commands = `${n} command${n === 1 ? "" : "s"}`;
  if (segmentation.method === "input") return `${commands} segmented from the recording's input events (lines typed and submitted)`;
  if (segmentation.method === "prompt") {
    return `${commands} segmented from the recording at shell prompts (${JSON.stringify(segmentation.prompt?.example ?? "")})`;
  }
  return "no commands found in the recording (no input events and no shell prompt recognised)";
}

type Typed = { action: string; keystrokes: string; offset: number; firstIndex: number; submitIndex: number };

/** Lines submitted in input events, with the raw keys; keys that are not part of a line go to the command before. */
function typedCommands(events: CastEvent[]): Typed[] {
  const commands: Typed[] = [];
  let buffer = "";
  let raw = "";
  let first: { time: number; index: number } | null = null;
  const reset = () => {
    buffer = "";
    raw = "";
    first = null;
  };
  // Keys sent to a running program (Ctrl-C, Ctrl-D, an empty Enter) belong to the command that runs.
  const toPrevious = (keys: string) => {
    const last = commands[commands.length - 1];
    if (last) last.keystrokes += keys;
    reset();
  };

  for (let index = 0; index < events.length; index++) {
    const event = events[index]!;
    if (event.code !== "i") continue;
    const tokens = inputTokens(event.data);
    // Where the write's text ends: a newline before it is inside a multi-line command (below).
    let lastPrintable = -1;
    for (let t = 0; t < tokens.length; t++) if (isPrintable(tokens[t]!)) lastPrintable = t;
    for (let t = 0; t < tokens.length; t++) {
      const token = tokens[t]!;
      if (token.startsWith("\u001b")) {
        raw += token; // arrow keys, terminal replies: not text of the line
        continue;
      }
      if (token === "\r" || token === "\n") {
        raw += token;
        if (lastPrintable > t) {
          buffer += "\n"; // more text follows in the same write: one multi-line command
          continue;
        }
        if (buffer.trim() === "" || first === null) {
          toPrevious(raw);
          continue;
        }
        commands.push({ action: buffer.trimEnd(), keystrokes: raw, offset: first.time, firstIndex: first.index, submitIndex: index });
        reset();
        continue;
      }
      if (token === "\u007f" || token === "\b") {
        raw += token;
        buffer = withoutLastCharacter(buffer);
        continue;
      }
      if (token === "\u0015") {
        raw += token; // Ctrl-U: kill the line
        buffer = "";
        continue;
      }
      if (token === "\u0017") {
        raw += token; // Ctrl-W: rub out the word before the cursor
        buffer = buffer.replace(/\S+\s*$/, "");
        continue;
      }
      if (token === "\t") {
        raw += token;
        buffer += token;
        continue;
      }
      if (!isPrintable(token)) {
        if (token === "\u0004" && buffer !== "") {
          raw += token; // Ctrl-D inside a line deletes nothing at its end
          continue;
        }
        toPrevious(raw + token);
        continue;
      }
      if (first === null) first = { time: event.time, index };
      raw += token;
      buffer += token;
    }
  }
  if (raw !== "") toPrevious(raw);
  return commands;
}

/** `text` without its last character (a surrogate pair is one character; half of one is too). */
function withoutLastCharacter(text: string): string {
  const end = text.length - 1;
  if (end < 0) return text;
  const last = text.charCodeAt(end);
  if (end > 0 && last >= 0xdc00 && last <= 0xdfff) {
    const before = text.charCodeAt(end - 1);
    if (before >= 0xd800 && before <= 0xdbff) return text.slice(0, end - 1);
  }
  return text.slice(0, end);
}

/** Splits input data into escape sequences (one token each) and single characters. */
function inputTokens(data: string): string[] {
  const tokens: string[] = [];
  for (let i = 0; i < data.length; ) {
    if (data[i] === "\u001b") {
      const next = data[i + 1];
      // CSI/OSC: keys and terminal replies; SS3 (`ESC O A`): arrows in application mode;
      // otherwise the Escape key alone, and what follows is typed text.
      const size = next === "[" || next === "]" ? escapeLength(data, i) || data.length - i : next === "O" ? Math.min(3, data.length - i) : 1;
      tokens.push(data.slice(i, i + size));
      i += size;
      continue;
    }
    const size = data.codePointAt(i)! > 0xffff ? 2 : 1;
    tokens.push(data.slice(i, i + size));
    i += size;
  }
  return tokens;
}

function isPrintable(token: string): boolean {
  const code = token.codePointAt(0)!;
  return code >= 0x20 && code !== 0x7f && !(code >= 0x80 && code < 0xa0);
}

function fromInput(cast: Cast, typed: Typed[]): CastSegmentation {
  // The prompt is what sat on the cursor's line when the first command was typed.
  const resizes = resizesOf(cast);
  const before = render(cast, resizes, 0, typed[0]!.firstIndex).lines();
  const promptLine = before[before.length - 1]?.text ?? "";
  const prompt = promptLine.trim() === "" ? null : literalPrompt(promptLine);

  const commands = typed.map((command, k): CastCommand => {
    const end = typed[k + 1]?.firstIndex ?? cast.events.length;
    const lines = render(cast, resizes, command.submitIndex + 1, end).lines();
    return {
      action: command.action,
      keystrokes: command.keystrokes,
      offset: command.offset,
      output: untilPrompt(withoutEcho(lines, command.action), prompt),
    };
  });
  return { method: "input", prompt, commands };
}

function fromPrompts(cast: Cast): CastSegmentation {
  const lines = render(cast, resizesOf(cast), 0, cast.events.length).lines();
  const prompt = learnPrompt(lines.map((l) => l.text));
  if (!prompt) return { method: "none", prompt: null, commands: [] };

  const commands: CastCommand[] = [];
  let current: CastCommand | null = null;
  for (const line of lines) {
    const match = prompt.regex.exec(line.text);
    if (!match) {
      current?.output.push(line);
      continue;
    }
    current = null;
    const action = line.text.slice(match[0].length).trim();
    // The last line, never ended by Enter, was still being typed (or is the idle prompt).
    if (action === "" || !line.terminated) continue;
    current = { action, keystrokes: null, offset: line.times[match[0].length] ?? line.times[0] ?? 0, output: [] };
    commands.push(current);
  }
  return { method: "prompt", prompt, commands };
}

/** A resize event: from event `index` on, the terminal is `width` × `height`. */
type Resize = { index: number; width: number; height: number };

const RESIZE = /^(\d+)x(\d+)$/;

/** The recording's resize events (well-formed ones), in order. */
function resizesOf(cast: Cast): Resize[] {
  const resizes: Resize[] = [];
  for (let index = 0; index < cast.events.length; index++) {
    const event = cast.events[index]!;
    if (event.code !== "r") continue;
    const size = RESIZE.exec(event.data);
    if (size) resizes.push({ index, width: Number(size[1]), height: Number(size[2]) });
  }
  return resizes;
}

/**
 * Renders the output events in [from, to), with the terminal size in effect at `from`. Only the
 * events in the range are visited (a recording is rendered once per command, so scanning it from
 * the start each time would be quadratic); the size comes from `resizes`.
 */
function render(cast: Cast, resizes: Resize[], from: number, to: number): TerminalText {
  const terminal = new TerminalText(cast.width, cast.height);
  let next = 0;
  while (next < resizes.length && resizes[next]!.index < from) next++;
  const before = resizes[next - 1];
  if (before) terminal.resize(before.width, before.height);
  const end = Math.min(to, cast.events.length);
  for (let index = from; index < end; index++) {
    const event = cast.events[index]!;
    if (event.code === "o") {
      terminal.write(event.data, event.time);
    } else if (event.code === "r" && next < resizes.length && resizes[next]!.index === index) {
      terminal.resize(resizes[next]!.width, resizes[next]!.height);
      next++;
    }
  }
  return terminal;
}

/**
 * Drops the shell's echo of the command. The first line after Enter is always the rest of the
 * command line (all of it when the keys were sent at once, the end of it when typed); the lines
 * of a multi-line command follow as continuation lines (`> hello`).
 */
function withoutEcho(lines: TextLine[], action: string): TextLine[] {
  const actionLines = action.split("\n").map((l) => l.trimEnd());
  let skip = lines.length > 0 ? 1 : 0;
  while (skip < actionLines.length && skip < lines.length) {
    const expected = actionLines[skip]!;
    if (expected === "" || !lines[skip]!.text.trimEnd().endsWith(expected)) break;
    skip++;
  }
  return lines.slice(skip);
}

/**
 * Ends the output where the shell printed its prompt again: the command had finished, and what
 * follows an idle prompt (the shell's `exit` after Ctrl-D, a job notice) is not its output.
 * Output printed without a final newline keeps its text; only the prompt after it goes.
 */
function untilPrompt(lines: TextLine[], prompt: ShellPrompt | null): TextLine[] {
  if (!prompt) return lines;
  const sigil = prompt.example.trimEnd().slice(-1);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.text.trimEnd().endsWith(sigil)) continue; // cheap test before the regex scan
    const start = trailingPromptStart(line.text, prompt);
    if (start < 0) continue;
    return [...lines.slice(0, i), { text: line.text.slice(0, start), times: line.times.slice(0, start), terminated: false }];
  }
  return lines;
}
