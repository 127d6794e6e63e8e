import { z } from "zod";

/*
 * The Terminus JSON protocol (Terminal-Bench's reference agent): the model answers every turn
 * with one JSON object; we type its commands and send back what the terminal showed. Models wrap
 * JSON in ```json fences or chat around it, so the reply is searched for its object before a
 * parse error is declared.
 */

export const TerminusReply = z.object({
  analysis: z.string(),
  plan: z.string(),
  commands: z.array(
    z.object({
      keystrokes: z.string(),
      // Seconds to wait for the command at most; Terminus's default when a model leaves it out.
      duration: z.number().finite().nonnegative().default(1),
    }),
  ),
  task_complete: z.boolean().default(false),
});
export type TerminusReply = z.output<typeof TerminusReply>;

export type ParsedReply = { ok: true; reply: TerminusReply } | { ok: false; error: string };

export function systemPrompt(): string {
  return [
    "You are an AI assistant solving a task in a Linux terminal. You type keystrokes into one persistent bash shell and see what the terminal shows.",
    "Answer every turn with exactly one JSON object and nothing else:",
    '{"analysis": "what the terminal output tells you", "plan": "what you will do next and why", "commands": [{"keystrokes": "ls -la\\n", "duration": 1}], "task_complete": false}',
    "- keystrokes are sent verbatim: end a command with \\n to run it; use \\u0003 for Ctrl-C.",
    "- duration is the most seconds to wait for the command to finish (it may finish sooner).",
    '- when the task is done, reply with "task_complete": true (commands may be empty).',
  ].join("\n");
}

export function taskPrompt(instruction: string): string {
  return `Task:\n${instruction.trim()}\n\nThe shell is ready. Reply with your first JSON object.`;
}

/** Finds the reply's JSON object: the whole text, a fenced block, or the outermost braces. */
export function parseReply(content: string): ParsedReply {
  const candidates = [content.trim()];
  const fence = /```(?:json)?\s*([\s\S]*?)```/i.exec(content);
  if (fence) candidates.push(fence[1]!.trim());
  const first = content.indexOf("{");
  const last = content.lastIndexOf("}");
  if (first !== -1 && last > first) candidates.push(content.slice(first, last + 1));
  let value: unknown;
  let found = false;
  for (const text of candidates) {
    try {
      value = JSON.parse(text);
      found = true;
      break;
    } catch {
      // Try the next way of finding the object.
    }
  }
  if (!found) return { ok: false, error: "The reply is not valid JSON: no JSON object could be parsed from it." };
  const parsed = TerminusReply.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.map(String).join(".") || "(root)"}: ${i.message}`).join("; ");
    return { ok: false, error: `The JSON object does not match the required shape (${problems}).` };
  }
  return { ok: true, reply: parsed.data };
}

export function parseErrorPrompt(error: string): string {
  return `Your previous reply could not be used. ${error}\nReply again with exactly one JSON object with the fields analysis (string), plan (string), commands (array of {keystrokes, duration}) and task_complete (boolean).`;
}
