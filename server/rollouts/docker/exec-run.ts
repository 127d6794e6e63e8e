import type { Readable } from "node:stream";
import { DockerError } from "./docker-error";
import type { Engine } from "./engine";
import { createExec, execExitCode, startExec } from "./exec";

export type ExecResult = { exitCode: number | null; stdout: string; stderr: string };

/** A command that ran past its deadline; its output so far is kept for the job's log. */
export class ExecTimeoutError extends DockerError {
  constructor(
    cmd: string[],
    timeoutMs: number,
    readonly output: Omit<ExecResult, "exitCode">,
  ) {
    super(`${cmd.join(" ")} did not finish within ${Math.round(timeoutMs / 1000)}s.`, 408);
  }
}

/**
 * Runs a command to completion without a TTY (tests, solutions), collecting stdout and stderr
 * apart. On timeout the stream is dropped; the process may go on running, so the caller removes
 * the container (the runner does that anyway when a rollout ends).
 */
export async function runExec(
  engine: Engine,
  containerId: string,
  cmd: string[],
  { env, workingDir, timeoutMs }: { env?: Record<string, string>; workingDir?: string; timeoutMs?: number } = {},
): Promise<ExecResult> {
  const execId = await createExec(engine, containerId, { cmd, env, workingDir });
  const stream = await startExec(engine, execId);
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let timer: NodeJS.Timeout | undefined;
  const finished = demultiplex(stream, (kind, data) => (kind === "stderr" ? err : out).push(data));
  const timedOut = new Promise<"timeout">((resolve) => {
    if (timeoutMs) timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  try {
    const outcome = await Promise.race([finished, timedOut]);
    const text = { stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") };
    if (outcome === "timeout") {
      stream.destroy();
      throw new ExecTimeoutError(cmd, timeoutMs!, text);
    }
    return { exitCode: await execExitCode(engine, execId), ...text };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Splits the engine's multiplexed (non-TTY) stream: frames of an 8-byte header, whose first byte
 * says stdout (1) or stderr (2) and last four the payload's length, then the payload.
 */
export function demultiplex(stream: Readable, onData: (kind: "stdout" | "stderr", data: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let buffered: Buffer = Buffer.alloc(0);
    stream.on("data", (chunk: Buffer) => {
      buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
      while (buffered.length >= 8) {
        const size = buffered.readUInt32BE(4);
        if (buffered.length < 8 + size) break;
        onData(buffered[0] === 2 ? "stderr" : "stdout", buffered.subarray(8, 8 + size));
        buffered = buffered.subarray(8 + size);
      }
    });
    stream.on("end", () => resolve());
    stream.on("close", () => resolve());
    stream.on("error", reject);
  });
}
