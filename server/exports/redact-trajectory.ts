import type { ExportStep, ExportTrajectory } from "./export-trajectory";
import type { createRedactor } from "./redact";

type Redactor = ReturnType<typeof createRedactor>;

/**
 * The trajectory with secrets and e-mail addresses masked in everything an export writes from the
 * agent's session: the task prompt, thoughts, commands, keystrokes, tool arguments and outputs.
 * The redactor counts masked occurrences per distinct text of the trajectory (a secret typed in a
 * command also appears in its keystrokes and tool arguments, and is counted in each).
 */
export function redactTrajectory(t: ExportTrajectory, redactor: Redactor): ExportTrajectory {
  // A trajectory repeats itself (a command is also its keystrokes' line, its commands' text, a
  // later step's echo): each distinct text is redacted, and its findings counted, once.
  const seen = new Map<string, string>();
  const text = (value: string | null) => {
    if (value === null || value === "") return value;
    let redacted = seen.get(value);
    if (redacted === undefined) seen.set(value, (redacted = redactor.redact(value).text));
    return redacted;
  };
  return {
    ...t,
    task: t.task && { name: t.task.name, instruction: text(t.task.instruction) },
    steps: t.steps.map(
      (s): ExportStep => ({
        ...s,
        thought: text(s.thought),
        toolArgs: redactArguments(s.toolArgs, redactor),
        action: text(s.action),
        keystrokes: text(s.keystrokes),
        observation: text(s.observation),
        commands: s.commands.map((c) => ({ ...c, text: text(c.text)! })),
      }),
    ),
  };
}

/**
 * Tool arguments are redacted as their JSON text, so a key names its value (`{"password":
 * "hunter2"}` is a password; "hunter2" alone is not). A mask holds no quote or backslash, so the
 * text stays JSON unless a match crossed a string's end; then each string is redacted alone.
 */
function redactArguments(value: unknown, redactor: Redactor): unknown {
  if (value === null || value === undefined || typeof value !== "object") return typeof value === "string" ? redactor.redact(value).text : value;
  const json = JSON.stringify(value);
  const redacted = redactor.redact(json).text;
  if (redacted === json) return value; // nothing masked (nearly always): no second parse
  try {
    return JSON.parse(redacted);
  } catch {
    return redactStrings(value, redactor);
  }
}

function redactStrings(value: unknown, redactor: Redactor): unknown {
  if (typeof value === "string") return redactor.redact(value).text;
  if (Array.isArray(value)) return value.map((v) => redactStrings(v, redactor));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactStrings(v, redactor)]));
  return value;
}
