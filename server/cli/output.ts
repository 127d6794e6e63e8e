import { DataDirLockedError } from "@/db/lock";
import { ServiceError } from "../errors";

/**
 * How a command talks: human text on a terminal, or with --json exactly one JSON document on
 * stdout (progress and notes go to stderr, so `trajstudio … --json | jq` always parses).
 */
export type Output = {
  json: boolean;
  /** The command's result: JSON in --json mode, else `human(result)` when given. */
  result<T>(value: T, human?: (value: T) => string): void;
  /** A note for people; stderr, so it never mixes with results. */
  info(message: string): void;
};

export function createOutput(json: boolean): Output {
  return {
    json,
    result(value, human) {
      if (json) process.stdout.write(`${JSON.stringify(value)}\n`);
      else if (human) process.stdout.write(`${human(value)}\n`);
    },
    info(message) {
      process.stderr.write(`${message}\n`);
    },
  };
}

/** The message a user sees for a failure: ours verbatim; a bug as a short line, never a stack. */
export function describeError(error: unknown): string {
  if (error instanceof ServiceError || error instanceof DataDirLockedError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  // The stack is for us, on request; users get the one line.
  if (process.env.TRAJSTUDIO_DEBUG && error instanceof Error) return `${error.stack}`;
  return `Unexpected error: ${message} (set TRAJSTUDIO_DEBUG=1 for details)`;
}
