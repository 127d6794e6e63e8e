import type { ExportStep } from "../export-trajectory";

/*
 * Steps as tool calls, and the JSON-schema definitions of the tools they call: shared by every
 * export format. Pure and deterministic: the same step gives the same call, id and schema.
 */

export type ToolCall = { id: string; name: string; arguments: Record<string, unknown> };

export type ToolSchema = {
  name: string;
  description: string;
  parameters: { type: "object"; properties: Record<string, PropertySchema>; required: string[] };
};
type PropertySchema = { type: string | string[]; description?: string };

/** The terminal tools that steps without recorded arguments are given (see `toolCallOf`). */
export const TERMINAL_TOOL = "bash_command";
export const SHELL_TOOL = "bash";

/**
 * Fixed schemas for the tools every terminal trajectory uses, so a tool reads the same in every
 * record whatever arguments one trajectory happened to pass. `bash_command` is Terminus-2's
 * (keystrokes sent verbatim, `duration` seconds to wait, 1.0 when left out).
 */
const KNOWN: Record<string, ToolSchema> = {
  [TERMINAL_TOOL]: {
    name: TERMINAL_TOOL,
    description: "Send keystrokes to the terminal, verbatim (end a command with a newline), and wait `duration` seconds for its output.",
    parameters: {
      type: "object",
      properties: {
        keystrokes: { type: "string", description: "The exact keystrokes to send." },
        duration: { type: "number", description: "Seconds to wait before reading the output (default 1.0)." },
      },
      required: ["keystrokes"],
    },
  },
  [SHELL_TOOL]: {
    name: SHELL_TOOL,
    description: "Run a shell command and return its output.",
    parameters: { type: "object", properties: { command: { type: "string", description: "The command line to run." } }, required: ["command"] },
  },
};

/** A step's call id: its index, so ids are unique in a trajectory and stable across exports. */
export function callId(step: Pick<ExportStep, "index">): string {
  return `call_${step.index}`;
}

/**
 * The tool call an agent step made, or null for a plain message. A call recorded with an
 * argument object is kept as it is. A step whose importer found a command but no arguments
 * (terminal recordings, raw-content Terminus replies, SWE-agent's typed commands: their tool name,
 * if any, was inferred from the command) calls the terminal tools: `bash_command {keystrokes}`
 * when the keystrokes are the command (plus the newline that runs it), else `bash {command}` —
 * keystrokes a recording captured are not always what the agent typed (the terminal's own
 * replies to queries are in them), the command is. Arguments that are not an object (text that
 * was not JSON) are kept under `input`, since every format needs an object.
 */
export function toolCallOf(step: ExportStep): ToolCall | null {
  if (step.source !== "agent") return null;
  const id = callId(step);
  const args = step.toolArgs;
  if (step.toolName !== null && isPlainObject(args)) return { id, name: step.toolName, arguments: args };
  if (step.toolName !== null && args !== undefined && args !== null) return { id, name: step.toolName, arguments: { input: args } };
  if (step.keystrokes !== null && step.keystrokes.replace(/\r?\n$/, "") === (step.action ?? step.keystrokes)) {
    return { id, name: TERMINAL_TOOL, arguments: { keystrokes: step.keystrokes } };
  }
  if (step.action !== null) return { id, name: SHELL_TOOL, arguments: { command: step.action } };
  if (step.toolName !== null) return { id, name: step.toolName, arguments: {} };
  return null;
}

/**
 * One schema per tool name called, sorted by name: a known tool's fixed schema, else one
 * inferred from the arguments seen (each key's JSON types; required when every call passed it).
 * Keys a known tool was called with beyond its schema are added the same way.
 */
export function toolSchemas(calls: ToolCall[]): ToolSchema[] {
  const byName = new Map<string, ToolCall[]>();
  for (const call of calls) {
    const same = byName.get(call.name);
    if (same) same.push(call);
    else byName.set(call.name, [call]);
  }
  return [...byName.keys()].sort(compareText).map((name) => schemaFor(name, byName.get(name)!));
}

function schemaFor(name: string, calls: ToolCall[]): ToolSchema {
  const known = KNOWN[name];
  const properties: Record<string, PropertySchema> = { ...known?.parameters.properties };
  const seen = new Map<string, Set<string>>();
  for (const call of calls) {
    for (const [key, value] of Object.entries(call.arguments)) {
      if (properties[key]) continue;
      seen.set(key, (seen.get(key) ?? new Set()).add(jsonType(value)));
    }
  }
  for (const key of [...seen.keys()].sort(compareText)) properties[key] = { type: unionType(seen.get(key)!) };
  const inferredRequired = [...seen.keys()].filter((key) => calls.every((c) => key in c.arguments)).sort(compareText);
  return {
    name,
    description: known?.description ?? `The ${name} tool of the source trajectory (parameters inferred from its calls).`,
    parameters: { type: "object", properties, required: [...(known?.parameters.required ?? []), ...inferredRequired] },
  };
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value === "string" || typeof value === "boolean" ? typeof value : "object";
}

/** One type, or the sorted list of them; an integer seen beside a fraction is a number. */
function unionType(types: Set<string>): string | string[] {
  if (types.has("number")) types.delete("integer");
  const list = [...types].sort(compareText);
  return list.length === 1 ? list[0]! : list;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Code-unit order: locale-independent, so output does not depend on the machine. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
