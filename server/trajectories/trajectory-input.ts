import { z } from "zod";
import { AgentInput } from "../agents/upsert-agent";

/**
 * The normalized trajectory every importer produces and every consumer reads: one model for
 * ATIF, Terminal-Bench runs, casts, SWE-agent, OpenHands, Inspect and chat JSONL alike.
 */
export const StepInput = z.object({
  source: z.enum(["agent", "user", "system"]).default("agent"),
  startedAt: z.date().nullish(),
  recordingOffset: z.number().finite().nonnegative().nullish(),
  thought: z.string().nullish(),
  toolName: z.string().nullish(),
  toolArgs: z.unknown().optional(),
  action: z.string().nullish(),
  keystrokes: z.string().nullish(),
  observation: z.string().nullish(),
  exitCode: z.number().int().nullish(),
  trainable: z.boolean().default(true),
});
export type StepInput = z.input<typeof StepInput>;

export const TrajectoryInput = z.object({
  agent: AgentInput.nullish(),
  /** Tasks named here are created if unknown; a known task's definition is left alone. */
  task: z.object({ name: z.string().trim().min(1), instruction: z.string().nullish(), source: z.string().nullish() }).nullish(),
  sourceFormat: z.string().min(1),
  sourcePath: z.string().nullish(),
  sourceHash: z.string().regex(/^[0-9a-f]{64}$/, "a SHA-256 hex digest"),
  sourceBlob: z.string().nullish(),
  recordingBlob: z.string().nullish(),
  sessionId: z.string().nullish(),
  reward: z.number().finite().nullish(),
  resolved: z.boolean().nullish(),
  startedAt: z.date().nullish(),
  endedAt: z.date().nullish(),
  durationMs: z.number().int().nonnegative().nullish(),
  promptTokens: z.number().int().nonnegative().nullish(),
  completionTokens: z.number().int().nonnegative().nullish(),
  cachedTokens: z.number().int().nonnegative().nullish(),
  costUsd: z.number().finite().nonnegative().nullish(),
  failureTags: z.array(z.string()).default([]),
  importWarnings: z.array(z.string()).default([]),
  steps: z.array(StepInput),
});
export type TrajectoryInput = z.input<typeof TrajectoryInput>;
