import path from "node:path";
import { copyDirectoryIn } from "./docker/archive";
import type { Engine } from "./docker/engine";
import type { CommandResult, ShellSession } from "./shell-session";

/** The built-in agents. LLM agents (Terminus protocol) will join them behind the same signature. */
export const AGENT_KINDS = ["oracle", "nop"] as const;
export type AgentKind = (typeof AGENT_KINDS)[number];

export type AgentRun = {
  engine: Engine;
  containerId: string;
  taskDir: string;
  session: ShellSession;
  /** The agent's time budget; a command still running at its end is interrupted. */
  deadline: number;
};

/** Runs the agent in the shell; every command it sends is one result (one step). */
export type Agent = (run: AgentRun) => Promise<CommandResult[]>;

export const agents: Record<AgentKind, Agent> = {
  /** The reference solution, typed into the shell like any agent's command, so it is recorded. */
  async oracle({ engine, containerId, taskDir, session, deadline }) {
    await copyDirectoryIn(engine, containerId, path.join(taskDir, "solution"), "/solution");
    return [await session.run("bash /solution/solve.sh\n", Math.max(1, deadline - Date.now()))];
  },
  /** Does nothing: the task's tests must fail on the untouched environment. */
  async nop() {
    return [];
  },
};

export function isAgentKind(name: string): name is AgentKind {
  return (AGENT_KINDS as readonly string[]).includes(name);
}
