import { createHash } from "node:crypto";
import { scoreSteps } from "../../egs/score-steps";
import { atifToTrajectory } from "../../formats/atif";
import { AtifDocument } from "../../formats/atif-schema";
import type { NormalizedTrajectory } from "../../formats/types";
import { planImport } from "../../imports/plan";
import { walkPaths } from "../../imports/walk";
import { noSiblings, virtualFile } from "../../testing/format-inputs";
import type { ExportStep, ExportTrajectory } from "../export-trajectory";

/*
 * Test support: trajectories as the exporters receive them, built without a database — from
 * hand-written steps, or by importing files and tagging their steps as `trajstudio score` does.
 */

/** A step with every field the exporters read, defaulted to "absent". */
export function exportStep(index: number, fields: Partial<ExportStep> = {}): ExportStep {
  return {
    index,
    source: "agent",
    startedAt: null,
    thought: null,
    toolName: null,
    toolArgs: undefined,
    action: null,
    keystrokes: null,
    observation: null,
    exitCode: null,
    trainable: true,
    tag: null,
    commands: [],
    ...fields,
  };
}

export function exportTrajectory(steps: ExportStep[], fields: Partial<Omit<ExportTrajectory, "steps">> = {}): ExportTrajectory {
  return {
    sourceHash: "0".repeat(64),
    sessionId: "session-1",
    sourceFormat: "test",
    task: { name: "hello-world", instruction: "Create hello.txt." },
    agent: { name: "terminus-2", model: "test-model", version: "2.0.0", harness: "harbor" },
    resolved: true,
    reward: 1,
    metrics: { tor: null, var: null, closedLoop: null, egs: null, egsVersion: null },
    steps,
    ...fields,
  };
}

/** A Terminus-2 session: system prompt, task, a look, an act (copied context), a closing message. */
export const terminusSession = () =>
  exportTrajectory([
    exportStep(0, { source: "system", observation: "You are a terminal agent.", trainable: false }),
    exportStep(1, { source: "user", observation: "Create hello.txt.", trainable: false }),
    exportStep(2, {
      thought: "Look first.",
      toolName: "bash_command",
      toolArgs: { keystrokes: "ls\n", duration: 0.1 },
      action: "ls",
      keystrokes: "ls\n",
      observation: "$ ls\n",
      exitCode: 0,
      tag: "inspect",
      commands: [{ text: "ls", tag: "inspect" }],
    }),
    exportStep(3, { toolName: "bash_command", toolArgs: { keystrokes: "echo hi > hello.txt\n", duration: 0.1 }, action: "echo hi > hello.txt", keystrokes: "echo hi > hello.txt\n", observation: "", trainable: false }),
    exportStep(4, { thought: "Done." }),
  ]);

/** An imported trajectory with its steps tagged (the effective tag is the auto tag: no labels). */
export async function fromNormalized(normalized: NormalizedTrajectory, source: { path: string; format: string }): Promise<ExportTrajectory> {
  const scored = await scoreSteps(normalized.steps);
  const agent = normalized.agent;
  return {
    sourceHash: createHash("sha256").update(`${source.path}\n${normalized.key ?? ""}`).digest("hex"),
    sessionId: normalized.sessionId ?? null,
    sourceFormat: source.format,
    task: normalized.task ? { name: normalized.task.name, instruction: normalized.task.instruction ?? null } : null,
    agent: agent ? { name: agent.name, model: agent.model ?? null, version: agent.version ?? null, harness: agent.harness ?? null } : null,
    resolved: normalized.resolved ?? null,
    reward: normalized.reward ?? null,
    metrics: { tor: scored.metrics.tor, var: scored.metrics.var, closedLoop: scored.metrics.closedLoop, egs: scored.metrics.egs, egsVersion: scored.metrics.detail.egsVersion },
    steps: normalized.steps.map((s, index) =>
      exportStep(index, {
        source: s.source ?? "agent",
        startedAt: s.startedAt?.toISOString() ?? null,
        thought: s.thought ?? null,
        toolName: s.toolName ?? null,
        toolArgs: s.toolArgs,
        action: s.action ?? null,
        keystrokes: s.keystrokes ?? null,
        observation: s.observation ?? null,
        exitCode: s.exitCode ?? null,
        trainable: s.trainable ?? true,
        tag: scored.steps[index]?.tag ?? null,
        commands: (scored.steps[index]?.commands ?? []).map((c) => ({ text: c.text, tag: c.tag })),
      }),
    ),
  };
}

export type LoadedSample = { path: string; format: string; trajectory: ExportTrajectory };

/** Every trajectory found under the given paths, as the import planner finds and parses them. */
export async function loadTrajectories(paths: string[]): Promise<LoadedSample[]> {
  const { files } = await walkPaths(paths);
  const plan = await planImport(files);
  const loaded: LoadedSample[] = [];
  for (const unit of plan.units) {
    const parsed = await unit.parse();
    for (const t of parsed.trajectories) loaded.push({ path: unit.path, format: unit.format, trajectory: await fromNormalized(t, unit) });
  }
  return loaded;
}

/** An exported ATIF document read back by our importer, as the steps it gives. */
export async function reimportAtif(doc: Record<string, unknown>) {
  const file = virtualFile("export/trajectory.json", JSON.stringify(doc));
  return (await atifToTrajectory(AtifDocument.parse(doc), file, noSiblings)).steps;
}
