import { randomBytes } from "node:crypto";
import type { Engine } from "./docker/engine";
import { type Shell, openShell } from "./docker/exec";
import { TerminalText } from "../formats/terminal-text";
import { AsciicastRecorder } from "./asciicast-recorder";

/*
 * The agent's one persistent shell, recorded. To know when a command has finished (and how it
 * exited) without installing anything in the image, bash's PROMPT_COMMAND prints an OSC escape
 * carrying a per-session nonce and `$?` before every prompt. Terminals ignore unknown OSC
 * sequences, so the recording replays as the plain session it was; a command's output cannot
 * forge the marker without knowing the nonce.
 */

export type CommandResult = {
  keystrokes: string;
  startedAt: Date;
  /** Seconds into the recording when the keystrokes were sent. */
  offset: number;
  durationMs: number;
  /** What the terminal showed, rendered to text, without the echoed command line. */
  output: string;
  exitCode: number | null;
  timedOut: boolean;
};

const OSC = 697;
const READY_TIMEOUT_MS = 10_000;

export class ShellSession {
  private seen = "";
  private waiter: ((code: number) => void) | undefined;
  private readonly marker: RegExp;

  private constructor(
    private readonly shell: Shell,
    readonly recorder: AsciicastRecorder,
    private readonly nonce: string,
    private readonly size: { cols: number; rows: number },
  ) {
    this.marker = new RegExp(`\\u001b\\]${OSC};ts-${nonce};(\\d+)\\u0007`);
    shell.stream.on("data", (chunk: Buffer) => this.onData(chunk));
  }

  /** Opens the shell and waits for its first prompt. */
  static async open(engine: Engine, containerId: string, { cols = 160, rows = 40, workingDir }: { cols?: number; rows?: number; workingDir?: string } = {}): Promise<ShellSession> {
    const nonce = randomBytes(8).toString("hex");
    const promptCommand = promptCommandFor(nonce);
    // Set through the environment so the setup line is not typed into (and recorded in) the session.
    const shell = await openShell(engine, containerId, { cols, rows, workingDir, env: { PROMPT_COMMAND: promptCommand } });
    const session = new ShellSession(shell, new AsciicastRecorder(cols, rows), nonce, { cols, rows });
    try {
      await session.nextMarker(READY_TIMEOUT_MS);
    } catch {
      // A profile script replaced PROMPT_COMMAND: set it again, typed, and wait once more.
      session.send(`PROMPT_COMMAND='${promptCommand.replaceAll("'", "'\\''")}'\n`);
      await session.nextMarker(READY_TIMEOUT_MS);
    }
    return session;
  }

  /**
   * Types `keystrokes` and waits for the next prompt (or the timeout, then sends Ctrl-C). With
   * `interrupt: false` the timeout only ends the wait: an LLM's duration is how long to look, and
   * what it started (an editor, a server) must keep running for its next keystrokes.
   */
  async run(keystrokes: string, timeoutMs: number, { interrupt = true }: { interrupt?: boolean } = {}): Promise<CommandResult> {
    const startedAt = new Date();
    const offset = this.recorder.now();
    this.seen = "";
    this.send(keystrokes);
    let exitCode: number | null = null;
    let timedOut = false;
    try {
      exitCode = await this.nextMarker(timeoutMs);
    } catch {
      timedOut = true;
      if (interrupt) {
        this.send("\u0003");
        await this.nextMarker(2_000).catch(() => undefined);
      }
    }
    const raw = this.seen;
    return { keystrokes, startedAt, offset, durationMs: Date.now() - startedAt.getTime(), output: render(raw, keystrokes, this.size, this.marker), exitCode, timedOut };
  }

  /** Ends the shell's stream; the container's removal ends the shell itself. */
  close() {
    this.shell.stream.destroy();
  }

  private send(keystrokes: string) {
    this.recorder.input(keystrokes);
    this.shell.stream.write(keystrokes);
  }

  private onData(chunk: Buffer) {
    this.seen += this.recorder.output(chunk);
    const match = this.marker.exec(this.seen);
    if (match && this.waiter) {
      const resolve = this.waiter;
      this.waiter = undefined;
      resolve(Number(match[1]));
    }
  }

  private nextMarker(timeoutMs: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(new Error(`no prompt within ${timeoutMs} ms (nonce ${this.nonce})`));
      }, timeoutMs);
      this.waiter = (code) => {
        clearTimeout(timer);
        resolve(code);
      };
      // The marker may already be in what arrived before we started waiting.
      const match = this.marker.exec(this.seen);
      if (match) this.waiter(Number(match[1]));
    });
  }
}

function promptCommandFor(nonce: string): string {
  return `printf '\\033]${OSC};ts-${nonce};%s\\007' "$?"`;
}

/** The command's output as a person saw it: rendered, echo and prompt marker dropped. */
function render(raw: string, keystrokes: string, size: { cols: number; rows: number }, marker: RegExp): string {
  const end = raw.search(marker);
  const terminal = new TerminalText(size.cols, size.rows);
  terminal.write(end === -1 ? raw : raw.slice(0, end), 0);
  const echoLines = Math.max(1, keystrokes.replace(/\n$/, "").split("\n").length);
  return terminal
    .lines()
    .slice(echoLines)
    .map((l) => l.text.trimEnd())
    .join("\n")
    .trim();
}
