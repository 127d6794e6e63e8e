import type { ExportStep, ExportTrajectory } from "../export-trajectory";
import { type ToolCall, toolCallOf } from "./tool-calls";

/*
 * A trajectory as a chat conversation: what the OpenAI, ShareGPT and axolotl exports render,
 * each in its own vocabulary. The mapping, decided once here:
 * - system steps before anything else are the system prompt (joined); a system step later on is
 *   harness text spoken to the agent, so it becomes a user turn, verbatim;
 * - user steps are user turns; when no user turn comes before the first agent step, the task's
 *   instruction is the prompt; without either the trajectory is skipped (nothing to condition on);
 * - an agent step with a tool call is an assistant turn (its thought as the text, "" without one)
 *   followed by the tool's result (its observation, "" without one), so every call is answered;
 * - an agent step without a call is an assistant turn with its thought; an observation it has
 *   (harness feedback such as Terminus' "previous response had parsing errors") follows as a user
 *   turn, since nothing called for it;
 * - consecutive user turns are joined, and so are consecutive assistant turns (a text-only turn
 *   joins the next one's text, keeping that one's call): chat templates that require alternation
 *   accept the result. A joined assistant turn is trainable only if all its steps are.
 * Trailing results stay: the formats that need to end on an assistant turn drop them.
 */

export type Turn =
  | { role: "system"; content: string }
  | { role: "user"; content: string }
  | { role: "assistant"; content: string; call: ToolCall | null; trainable: boolean }
  | { role: "tool"; call: ToolCall; content: string };

/** A record, or why the trajectory gives none (the caller counts skipped trajectories by reason). */
export type ExportResult<T> = { ok: true; record: T } | { ok: false; reason: string };

export const SKIP_NO_PROMPT = "no task prompt (no user step and no task instruction)";
export const SKIP_NO_AGENT = "no agent turn";

const JOIN = "\n\n";

export function toConversation(trajectory: ExportTrajectory): ExportResult<Turn[]> {
  const turns: Turn[] = [];
  const instruction = nonEmpty(trajectory.task?.instruction ?? null);
  let started = false;
  let prompted = false;

  for (const step of trajectory.steps) {
    if (step.source !== "agent") {
      const text = contextText(step);
      if (step.source === "system" && !started) {
        if (text !== null) append(turns, { role: "system", content: text });
        continue;
      }
      started = true;
      if (text !== null) {
        append(turns, { role: "user", content: text });
        prompted = true;
      }
      continue;
    }
    started = true;
    if (!prompted) {
      if (instruction === null) return { ok: false, reason: SKIP_NO_PROMPT };
      append(turns, { role: "user", content: instruction });
      prompted = true;
    }
    const call = toolCallOf(step);
    const thought = nonEmpty(step.thought);
    if (call) {
      append(turns, { role: "assistant", content: thought ?? "", call, trainable: step.trainable });
      turns.push({ role: "tool", call, content: step.observation ?? "" });
      continue;
    }
    if (thought !== null) append(turns, { role: "assistant", content: thought, call: null, trainable: step.trainable });
    const observation = nonEmpty(step.observation);
    if (observation !== null) append(turns, { role: "user", content: observation });
  }

  if (!turns.some((t) => t.role === "assistant")) return { ok: false, reason: SKIP_NO_AGENT };
  return { ok: true, record: turns };
}

/** The text of a user or system step: importers put it in `observation`; a thought goes first. */
export function contextText(step: ExportStep): string | null {
  const parts = [step.thought, step.observation].filter((p): p is string => p !== null && p !== "");
  return parts.length ? parts.join(JOIN) : null;
}

function append(turns: Turn[], turn: Turn) {
  const last = turns.at(-1);
  if (last && last.role === turn.role && (turn.role === "system" || turn.role === "user")) {
    last.content += JOIN + turn.content;
    return;
  }
  if (last?.role === "assistant" && turn.role === "assistant" && last.call === null) {
    last.content = [last.content, turn.content].filter(Boolean).join(JOIN);
    last.call = turn.call;
    last.trainable &&= turn.trainable;
    return;
  }
  turns.push(turn);
}

function nonEmpty(text: string | null): string | null {
  return text === null || text.trim() === "" ? null : text;
}
