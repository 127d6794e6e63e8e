import type { StepCommand } from "@/db/schema";

/**
 * One trajectory as every export format reads it: what was stored at import plus the tags frozen
 * with the dataset version (labels change later; a version's export must not). Text fields are
 * already redacted when the export redacts.
 */
export type ExportTrajectory = {
  /** Stable across databases: the SHA-256 of the imported source (ids are per database). */
  sourceHash: string;
  sessionId: string | null;
  sourceFormat: string;
  task: { name: string; instruction: string | null } | null;
  agent: { name: string; model: string | null; version: string | null; harness: string | null } | null;
  resolved: boolean | null;
  reward: number | null;
  metrics: { tor: number | null; var: number | null; closedLoop: number | null; egs: number | null; egsVersion: string | null };
  steps: ExportStep[];
};

export type ExportStep = {
  index: number;
  /** "user": the task prompt or a user turn; "system": harness text; "agent": the model's turn. */
  source: "agent" | "user" | "system";
  startedAt: string | null;
  /** The model's reasoning or message text for the turn. */
  thought: string | null;
  /** The tool the agent called ("bash_command", "str_replace_editor"…), null for a plain message. */
  toolName: string | null;
  toolArgs: unknown;
  /** The action as a command line (or a rendering of a non-shell tool call). */
  action: string | null;
  /** The exact keystrokes sent to the terminal, when the harness drives one (Terminus). */
  keystrokes: string | null;
  /** What the environment returned: the tool result / terminal output. */
  observation: string | null;
  exitCode: number | null;
  /** False for copied context and deterministic dispatch: shown, never trained on. */
  trainable: boolean;
  /** The effective tag frozen with the version (a human label if any, else the auto tag). */
  tag: "inspect" | "act" | "verify" | "other" | null;
  commands: Pick<StepCommand, "text" | "tag">[];
};
