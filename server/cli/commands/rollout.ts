import { type Command, InvalidArgumentError } from "commander";
import { AGENT_KINDS, type AgentKind, isAgentKind } from "../../rollouts/rollout-agents";
import { type RolloutOutcome, runRollouts } from "../../rollouts/run-rollouts";
import type { CommandContext } from "../context";

type RolloutOptions = { task: string[]; agent: AgentKind; k: number; concurrency: number };

export function registerRollout(program: Command, run: (action: (ctx: CommandContext) => Promise<number | void>) => Promise<void>) {
  program
    .command("rollout")
    .description("run an agent on tasks in Docker containers and store each run as a trajectory")
    .requiredOption("-t, --task <names...>", "task names (added with `tasks add`)")
    .requiredOption("-a, --agent <name>", `the agent (${AGENT_KINDS.join(", ")})`, parseAgent)
    .option("-k <n>", "attempts per task", parseCount, 1)
    .option("-c, --concurrency <n>", "rollouts at once", parseCount, 1)
    .action((options: RolloutOptions) =>
      run((ctx) =>
        ctx.withDatabase(async (database) => {
          const rollouts = await runRollouts(database.db, { tasks: options.task, agent: options.agent, attempts: options.k, concurrency: options.concurrency });
          ctx.output.result({ rollouts }, describeRollouts);
          return rollouts.every((r) => r.ok) ? 0 : 1;
        }),
      ),
    );
}

function parseAgent(value: string): AgentKind {
  if (!isAgentKind(value)) throw new InvalidArgumentError(`expected one of ${AGENT_KINDS.join(", ")}.`);
  return value;
}

function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new InvalidArgumentError("expected a whole number from 1 to 1000.");
  return n;
}

function describeRollouts({ rollouts }: { rollouts: RolloutOutcome[] }): string {
  return rollouts
    .map((r) =>
      r.ok
        ? `  ${r.resolved ? "✓" : "✗"} ${r.task} [${r.agent}]: reward ${r.reward ?? "none"}, ${r.steps} steps, trajectory ${r.trajectoryId} in ${(r.durationMs / 1000).toFixed(1)} s`
        : `  ✗ ${r.task} (attempt ${r.attempt}): ${r.error}`,
    )
    .join("\n");
}
