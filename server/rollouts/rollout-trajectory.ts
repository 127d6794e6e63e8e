import type { Db } from "@/db/client";
import { contentHash } from "../blobs/blob-store";
import type { NormalizedTrajectory } from "../formats/types";
import { storeSources } from "../imports/store-unit";
import type { AgentInput } from "../agents/upsert-agent";
import type { AgentOutcome, AgentStep } from "./rollout-agents";

export type RolloutRecord = {
  jobId: string;
  agent: AgentInput;
  task: { name: string; instruction?: string | null };
  steps: AgentStep[];
  usage?: AgentOutcome["usage"];
  recording: string;
  reward: number | null;
  startedAt: Date;
  endedAt: Date;
  failureTags: string[];
  warnings: string[];
};

/**
 * The rollout as the normalized trajectory importers produce: one step per command sent, carrying
 * the reasoning that led to it (LLM agents), and a step of its own for a turn of reasoning alone.
 */
export function rolloutTrajectory(r: RolloutRecord): NormalizedTrajectory {
  return {
    agent: { harness: "trajstudio", ...r.agent },
    task: { name: r.task.name, instruction: r.task.instruction },
    sessionId: r.jobId,
    reward: r.reward,
    resolved: r.reward === null ? null : r.reward >= 1,
    startedAt: r.startedAt,
    endedAt: r.endedAt,
    promptTokens: r.usage?.promptTokens,
    completionTokens: r.usage?.completionTokens,
    cachedTokens: r.usage?.cachedTokens,
    steps: r.steps.map((c) =>
      "keystrokes" in c
        ? {
            source: "agent" as const,
            startedAt: c.startedAt,
            recordingOffset: c.offset,
            thought: c.thought,
            action: c.keystrokes.replace(/\n$/, ""),
            keystrokes: c.keystrokes,
            observation: c.output,
            exitCode: c.exitCode,
          }
        : { source: "agent" as const, startedAt: c.startedAt, recordingOffset: c.offset, thought: c.thought },
    ),
    recording: r.recording,
    failureTags: r.failureTags,
    warnings: r.warnings,
  };
}

/**
 * Stores the rollout through the import path, so its steps are tagged and scored exactly as an
 * imported trajectory's are. The source hash covers the recording and the job id: two rollouts
 * never collide, and storing the same job twice is a duplicate, not a second trajectory.
 */
export async function storeRollout(db: Db, r: RolloutRecord): Promise<{ trajectoryId: number; steps: number }> {
  const hash = contentHash(`${r.jobId}\0${r.recording}`);
  const [result] = await storeSources(db, [{ format: "rollout", path: `rollout:${r.jobId}`, hash, trajectories: [rolloutTrajectory(r)] }]);
  if (result instanceof Error) throw result;
  const stored = result![0]!;
  return { trajectoryId: stored.id, steps: stored.steps };
}
