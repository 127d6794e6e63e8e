import path from "node:path";
import { copyDirectoryIn } from "./docker/archive";
import type { Engine } from "./docker/engine";
import type { CommandResult, ShellSession } from "./shell-session";

/** The built-in agents and the LLM agent (Terminus protocol, configured per run). */
export const AGENT_KINDS = ["oracle", "nop", "llm"] as const;
export type AgentKind = (typeof AGENT_KINDS)[number];

/** An LLM agent as stored on the agent: the key's env variable NAME only, never the key. */
export type LlmAgentConfig = { kind: "llm"; baseUrl: string; model: string; apiKeyEnv?: string; maxTurns?: number; temperature?: number; maxParseErrors?: number };
export type AgentConfig = { kind: "oracle" } | { kind: "nop" } | LlmAgentConfig;

export type AgentRun = {
  engine: Engine;
  containerId: string;
  taskDir: string;
  session: ShellSession;
  instruction: string;
  /** The agent's time budget; a command still running at its end is interrupted. */
  deadline: number;
};

/** A command sent, with the reasoning that led to it; or a turn's reasoning alone (no command). */
export type AgentStep = (CommandResult & { thought?: string }) | { thought: string; startedAt: Date; offset: number };

export type AgentOutcome = {
  steps: AgentStep[];
  failureTags: string[];
  warnings: string[];
  usage?: { promptTokens: number; completionTokens: number; cachedTokens: number };
};

/** Runs the agent in the shell; every command it sends is one step. */
export type Agent = (run: AgentRun) => Promise<AgentOutcome>;

export const builtinAgents: Record<"oracle" | "nop", Agent> = {
  /** The reference solution, typed into the shell like any agent's command, so it is recorded. */
  async oracle({ engine, containerId, taskDir, session, deadline }) {
    await copyDirectoryIn(engine, containerId, path.join(taskDir, "solution"), "/solution");
    const command = await session.run("bash /solution/solve.sh\n", Math.max(1, deadline - Date.now()));
    return { steps: [command], failureTags: command.timedOut ? ["timeout"] : [], warnings: [] };
  },
  /** Does nothing: the task's tests must fail on the untouched environment. */
  async nop() {
    return { steps: [], failureTags: [], warnings: [] };
  },
};

export function isAgentKind(name: string): name is AgentKind {
  return (AGENT_KINDS as readonly string[]).includes(name);
}

/** The name trajectories are stored under: LLM agents by model, so teachers compare by model. */
export function agentName(config: AgentConfig): string {
  return config.kind === "llm" ? `terminus:${config.model}` : config.kind;
}
