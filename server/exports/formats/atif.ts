import { recoverRawCommands } from "../../formats/atif-raw-content";
import type { ExportStep, ExportTrajectory } from "../export-trajectory";
import { contextText, type ExportResult } from "./conversation";
import { toolCallOf } from "./tool-calls";

/*
 * ATIF (Harbor's Agent Trajectory Interchange Format), one document per trajectory, in the
 * version Harbor's Terminus-2 writes today and the shared samples use. Written so that both
 * Harbor's validator and our importer (server/formats/atif.ts) take it:
 * - one ATIF step per step, numbered from 1; `message` on every step ("" when there is none);
 *   the agent-only fields (tool_calls, reasoning_content, is_copied_context) on agent steps only;
 * - a call is `{tool_call_id, function_name, arguments}` with an argument object (tool-calls.ts),
 *   its output an observation result whose `source_call_id` names it;
 * - a step that is not trainable is marked `is_copied_context` (the importer reads it back as
 *   not trainable);
 * - an agent message with no call that holds keystrokes the importer would recover as commands
 *   (raw-content mode) goes to `reasoning_content` instead, so it comes back as the same thought;
 * - what ATIF has no field for (exit code, the frozen tag and its commands, the task, outcome and
 *   EGS metrics) goes to the `extra` objects ATIF provides for that. Our importer does not read
 *   `extra`, so exit codes do not survive a re-import.
 * Harbor requires an agent name and version: "unknown" stands in where the source had none.
 */

export const ATIF_VERSION = "ATIF-v1.7";

type Json = Record<string, unknown>;

export function toAtif(trajectory: ExportTrajectory): ExportResult<Json> {
  // ATIF requires at least one step; a trajectory without any has nothing to exchange.
  if (trajectory.steps.length === 0) return { ok: false, reason: "no steps" };
  const agent = trajectory.agent;
  return {
    ok: true,
    record: {
      schema_version: ATIF_VERSION,
      session_id: trajectory.sessionId ?? trajectory.sourceHash,
      agent: {
        name: agent?.name ?? "unknown",
        version: agent?.version ?? "unknown",
        ...(agent?.model ? { model_name: agent.model } : {}),
        ...(agent?.harness ? { extra: { harness: agent.harness } } : {}),
      },
      steps: trajectory.steps.map((step, i) => atifStep(step, i + 1)),
      extra: {
        source_hash: trajectory.sourceHash,
        source_format: trajectory.sourceFormat,
        task: trajectory.task,
        resolved: trajectory.resolved,
        reward: trajectory.reward,
        metrics: trajectory.metrics,
      },
    },
  };
}

function atifStep(step: ExportStep, stepId: number): Json {
  const base = { step_id: stepId, ...(step.startedAt ? { timestamp: step.startedAt } : {}), source: step.source };
  if (step.source !== "agent") return { ...base, message: contextText(step) ?? "", ...extraOf(step) };

  const call = toolCallOf(step);
  const thought = step.thought ?? "";
  // Without a call the importer looks for raw-content commands in the message; keep it from
  // finding any in what was only a thought.
  const asReasoning = !call && recoverRawCommands(thought).length > 0;
  const observation = step.observation === null ? [] : [{ ...(call ? { source_call_id: call.id } : {}), content: step.observation }];
  return {
    ...base,
    message: asReasoning ? "" : thought,
    ...(asReasoning ? { reasoning_content: thought } : {}),
    ...(call ? { tool_calls: [{ tool_call_id: call.id, function_name: call.name, arguments: call.arguments }] } : {}),
    ...(observation.length ? { observation: { results: observation } } : {}),
    ...(step.trainable ? {} : { is_copied_context: true }),
    ...extraOf(step),
  };
}

function extraOf(step: ExportStep): { extra?: Json } {
  const extra: Json = {
    ...(step.exitCode !== null ? { exit_code: step.exitCode } : {}),
    ...(step.tag !== null ? { tag: step.tag } : {}),
    ...(step.commands.length ? { commands: step.commands.map((c) => ({ text: c.text, tag: c.tag })) } : {}),
  };
  return Object.keys(extra).length ? { extra } : {};
}
