import type { ExportStep, ExportTrajectory } from "./export-trajectory";
import type { createRedactor } from "./redact";

type Redactor = ReturnType<typeof createRedactor>;

/**
 * The trajectory with secrets and e-mail addresses masked in everything an export writes from the
 * agent's session: the task prompt, thoughts, commands, keystrokes, tool arguments and outputs.
 */
export function redactTrajectory(t: ExportTrajectory, redactor: Redactor): ExportTrajectory {
  const text = (value: string | null) => (value === null ? null : redactor.redact(value).text);
  return {
    ...t,
    task: t.task && { name: t.task.name, instruction: text(t.task.instruction) },
    steps: t.steps.map(
      (s): ExportStep => ({
        ...s,
        thought: text(s.thought),
        toolArgs: redactDeep(s.toolArgs, redactor),
        action: text(s.action),
        keystrokes: text(s.keystrokes),
        observation: text(s.observation),
        commands: s.commands.map((c) => ({ ...c, text: redactor.redact(c.text).text })),
      }),
    ),
  };
}

function redactDeep(value: unknown, redactor: Redactor): unknown {
  if (typeof value === "string") return redactor.redact(value).text;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redactor));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, redactor)]));
  return value;
}
