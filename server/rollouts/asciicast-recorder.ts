import { StringDecoder } from "node:string_decoder";

/*
 * Records a terminal session on the host as asciicast v2: a JSON header line, then one
 * `[seconds, code, data]` line per event ("o" output, "i" keystrokes sent). Recording on the
 * host is what lets any task image be used: nothing (no asciinema, no script) runs inside.
 */

export type CastHeader = { version: 2; width: number; height: number; timestamp: number; env: Record<string, string> };

export class AsciicastRecorder {
  private readonly lines: string[] = [];
  private readonly started = performance.now();
  /** Output chunks can end inside a UTF-8 sequence; the decoder carries it to the next chunk. */
  private readonly decoder = new StringDecoder("utf8");
  readonly header: CastHeader;

  constructor(width: number, height: number, startedAt = new Date()) {
    this.header = { version: 2, width, height, timestamp: Math.floor(startedAt.getTime() / 1000), env: { SHELL: "/bin/bash", TERM: "xterm-256color" } };
  }

  /** Seconds since the recording started: the time the next event gets. */
  now(): number {
    return Math.round((performance.now() - this.started) * 1000) / 1e6;
  }

  /** Records output; returns it as text (the decoded part of this chunk). */
  output(chunk: Buffer): string {
    const text = this.decoder.write(chunk);
    if (text) this.lines.push(JSON.stringify([this.now(), "o", text]));
    return text;
  }

  input(keystrokes: string) {
    this.lines.push(JSON.stringify([this.now(), "i", keystrokes]));
  }

  resize(width: number, height: number) {
    this.lines.push(JSON.stringify([this.now(), "r", `${width}x${height}`]));
  }

  /** The whole recording so far, one JSON document per line. */
  toString(): string {
    const rest = this.decoder.end();
    if (rest) this.lines.push(JSON.stringify([this.now(), "o", rest]));
    return [JSON.stringify(this.header), ...this.lines].join("\n") + "\n";
  }
}
