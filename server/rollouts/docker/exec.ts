import type { Duplex } from "node:stream";
import { type Engine, call, upgrade } from "./engine";

export type ExecSpec = {
  cmd: string[];
  /** A pseudo-terminal: output arrives raw (stdout and stderr merged), as a person would see it. */
  tty?: boolean;
  /** Attach stdin, so writes to the stream reach the process. */
  stdin?: boolean;
  env?: Record<string, string>;
  workingDir?: string;
  user?: string;
};

export async function createExec(engine: Engine, containerId: string, spec: ExecSpec): Promise<string> {
  const created = await call<{ Id: string }>(engine, {
    method: "POST",
    path: `/containers/${containerId}/exec`,
    json: {
      Cmd: spec.cmd,
      Tty: spec.tty ?? false,
      AttachStdin: spec.stdin ?? false,
      AttachStdout: true,
      AttachStderr: true,
      Env: Object.entries(spec.env ?? {}).map(([k, v]) => `${k}=${v}`),
      WorkingDir: spec.workingDir,
      User: spec.user,
    },
  });
  return created.Id;
}

/**
 * Starts an exec on a hijacked connection. The duplex carries stdin (when the exec attached it)
 * and output: raw bytes with a TTY, else frames `demultiplex` splits into stdout and stderr.
 * Ending the writable side closes the process's stdin; the readable side ends when it exits.
 */
export function startExec(engine: Engine, execId: string, { tty = false } = {}): Promise<Duplex> {
  return upgrade(engine, { method: "POST", path: `/exec/${execId}/start`, json: { Detach: false, Tty: tty } });
}

export type ExecInfo = { Running: boolean; ExitCode: number | null; Pid: number };

export function inspectExec(engine: Engine, execId: string): Promise<ExecInfo> {
  return call<ExecInfo>(engine, { method: "GET", path: `/exec/${execId}/json` });
}

/**
 * The exit code of an exec whose output stream has ended. The engine can close the stream a
 * moment before it records the exit, so a still-running answer is asked again, briefly.
 */
export async function execExitCode(engine: Engine, execId: string): Promise<number | null> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const info = await inspectExec(engine, execId);
    if (!info.Running) return info.ExitCode;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return null;
}

/** Resizes an exec's TTY; only valid once the exec has started. */
export async function resizeExec(engine: Engine, execId: string, size: { cols: number; rows: number }): Promise<void> {
  await call(engine, { method: "POST", path: `/exec/${execId}/resize`, query: { w: size.cols, h: size.rows } });
}

export type Shell = {
  execId: string;
  /** Keystrokes in, terminal output out. */
  stream: Duplex;
  resize(size: { cols: number; rows: number }): Promise<void>;
  /** Resolves with the shell's exit code once it has exited. */
  exited: Promise<number | null>;
};

/**
 * An interactive shell in a PTY inside the container: the agent's one persistent terminal.
 * Nothing needs to be installed in the image beyond the shell itself.
 */
export async function openShell(
  engine: Engine,
  containerId: string,
  { cmd = ["bash", "--login"], cols = 160, rows = 40, env = {}, workingDir }: { cmd?: string[]; cols?: number; rows?: number; env?: Record<string, string>; workingDir?: string } = {},
): Promise<Shell> {
  const execId = await createExec(engine, containerId, { cmd, tty: true, stdin: true, env: { TERM: "xterm-256color", ...env }, workingDir });
  const stream = await startExec(engine, execId, { tty: true });
  await resizeExec(engine, execId, { cols, rows });
  const exited = new Promise<void>((resolve) => {
    stream.on("close", resolve);
    stream.on("end", resolve);
    stream.on("error", () => resolve());
  }).then(() => execExitCode(engine, execId));
  return { execId, stream, resize: (size) => resizeExec(engine, execId, size), exited };
}
