import type { ShellPrompt } from "./shell-prompt";
import type { TextLine } from "./terminal-text";

/*
 * mini-swe-agent prints its whole conversation to the console, so a terminal recording of it
 * holds the steps themselves, not only their effects:
 *
 *   mini-swe-agent (step 2, $0.01):
 *   THOUGHT: … reasoning …
 *   ```bash
 *   cat hello.txt
 *   ```
 *   User:
 *   <returncode>0</returncode>
 *   <output>
 *   Hello, world!
 *   </output>
 *   ────────────────
 *
 * (mini-swe-agent 1.x, the layout seen in Terminal-Bench 1 runs.) The console wraps long lines
 * at the terminal width (rich inserts real newlines), so wrapped lines are joined back; log lines
 * that other libraries print between messages (LiteLLM warnings) fall outside the blocks read
 * here and are left out.
 */

export type TranscriptStep = {
  thought: string | null;
  /** The command in the ```bash block; null when the reply had none (a format error). */
  action: string | null;
  observation: string | null;
  exitCode: number | null;
  /** Seconds from the start of the recording when the reply appeared. */
  offset: number | null;
};

const STEP_HEADER = /^mini-swe-agent \(step (\d+), \$[\d.]+\):\s*$/;
const USER_HEADER = /^User:\s*$/;
const SEPARATOR = /^─{20,}\s*$/;
const FENCE_OPEN = /^```bash\s*$/;
const FENCE_CLOSE = /^```\s*$/;
// Python logging as LiteLLM prints it: `06:50:42 - LiteLLM:ERROR: …`.
const LOG_LINE = /^\d\d:\d\d:\d\d - [\w.]+:(?:DEBUG|INFO|WARNING|ERROR|CRITICAL)\b/;

/** The steps in a mini-swe-agent console transcript, or null if `lines` hold none. */
export function parseMiniSweAgentTranscript(lines: TextLine[], width: number, prompt: ShellPrompt | null = null): TranscriptStep[] | null {
  const headers = lines.flatMap((l, i) => (STEP_HEADER.test(l.text.trimEnd()) ? [i] : []));
  if (headers.length === 0) return null;
  return headers.map((start, k) => {
    const end = headers[k + 1] ?? lines.length;
    return readStep(lines.slice(start + 1, end), width, prompt);
  });
}

function readStep(block: TextLine[], width: number, prompt: ShellPrompt | null): TranscriptStep {
  const userAt = block.findIndex((l) => USER_HEADER.test(l.text));
  const reply = userAt < 0 ? block : block.slice(0, userAt);
  const open = reply.findIndex((l) => FENCE_OPEN.test(l.text));
  const close = open < 0 ? -1 : reply.findIndex((l, i) => i > open && FENCE_CLOSE.test(l.text));
  // mini runs only a reply with exactly one bash block; any other reply is sent back as a format error.
  const blocks = reply.filter((l) => FENCE_OPEN.test(l.text)).length;
  const hasAction = open >= 0 && close > open && blocks === 1;

  const thoughtLines = hasAction ? reply.slice(0, open) : reply;
  const thought = joinWrapped(thoughtLines, width).replace(/^THOUGHT:\s*/, "").trim();
  const action = hasAction ? joinWrapped(reply.slice(open + 1, close), width) : null;
  const firstText = (hasAction ? reply[open + 1] : reply.find((l) => l.text.trim() !== "")) ?? reply[0];

  const observation = userAt < 0 ? null : readObservation(block.slice(userAt + 1), width, prompt);
  return {
    thought: thought === "" ? null : thought,
    action: action,
    observation: observation?.text ?? null,
    exitCode: observation?.exitCode ?? null,
    offset: firstText?.times[0] ?? null,
  };
}

function readObservation(lines: TextLine[], width: number, prompt: ShellPrompt | null): { text: string | null; exitCode: number | null } {
  // The message ends at the separator rule; after the last step, at mini's exit line or the shell
  // prompt; and where another library's log output starts (it is printed after the message).
  const end = lines.findIndex(
    (l) => SEPARATOR.test(l.text) || LOG_LINE.test(l.text) || /^Saved trajectory to /.test(l.text) || (prompt !== null && prompt.regex.test(l.text)),
  );
  const message = end < 0 ? lines : lines.slice(0, end);
  const texts = message.map((l) => l.text.trimEnd());
  const code = texts.map((t) => /^<returncode>(-?\d+)<\/returncode>$/.exec(t)).find(Boolean);
  const exitCode = code ? Number(code[1]) : null;

  const open = texts.indexOf("<output>");
  const close = texts.lastIndexOf("</output>");
  if (open >= 0 && close > open) return { text: joinWrapped(message.slice(open + 1, close), width), exitCode };
  // Long output (<output_head> … <output_tail>), a format error or a timeout notice: the message as printed.
  const text = joinWrapped(
    message.filter((l) => !/^<returncode>-?\d+<\/returncode>$/.test(l.text.trimEnd())),
    width,
  ).trim();
  return { text: text === "" ? null : text, exitCode };
}

/**
 * Joins lines the console wrapped: a line that filled the width, or one that ends in a space
 * where the next word would not have fitted (rich word-wraps at the terminal width).
 */
export function joinWrapped(lines: TextLine[], width: number): string {
  const out: string[] = [];
  let current = "";
  lines.forEach((line, i) => {
    current += line.text;
    const next = lines[i + 1];
    const nextWord = next ? /^\S*/.exec(next.text)![0] : "";
    if (next && nextWord !== "") {
      // A full line: a word longer than the width folded (no space in it), or a word wrap whose
      // space fell exactly at the edge and was dropped.
      if (line.text.length === width) {
        if (/\s/.test(line.text.trim())) current += " ";
        return;
      }
      if (line.text.endsWith(" ") && line.text.length + nextWord.length > width) return;
    }
    out.push(current.trimEnd());
    current = "";
  });
  return out.join("\n");
}
