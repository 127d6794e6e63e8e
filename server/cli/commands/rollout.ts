import { type Command, InvalidArgumentError } from "commander";
import { AGENT_KINDS, type AgentKind, isAgentKind } from "../../rollouts/rollout-agents";
import { type RolloutOutcome, type RolloutsRequest, queueRollouts, runRollouts } from "../../rollouts/run-rollouts";
import { InvalidInputError } from "../../errors";
import type { CommandContext } from "../context";

type RolloutOptions = { task: string[]; agent: AgentKind; k: number; concurrency: number; model?: string; baseUrl?: string; apiKeyEnv?: string; maxTurns?: number; temperature?: number };

export function registerRollout(program: Command, run: (action: (ctx: CommandContext) => Promise<number | void>) => Promise<void>) {
  program
    .command("rollout")
    .description("run an agent on tasks in Docker containers and store each run as a trajectory")
    .requiredOption("-t, --task <names...>", "task names (added with `tasks add`)")
    .requiredOption("-a, --agent <name>", `the agent (${AGENT_KINDS.join(", ")})`, parseAgent)
    .option("-k <n>", "attempts per task", parseCount, 1)
    .option("-c, --concurrency <n>", "rollouts at once", parseCount, 1)
    .option("--model <name>", "llm agent: the model to ask")
    .option("--base-url <url>", "llm agent: an OpenAI-compatible endpoint (…/v1)")
    .option("--api-key-env <name>", "llm agent: the env variable holding the API key (the key itself is never stored)")
    .option("--max-turns <n>", "llm agent: model replies at most", parseCount)
    .option("--temperature <t>", "llm agent: sampling temperature", parseTemperature)
    .action((options: RolloutOptions) =>
      run((ctx) => {
        const agent = agentOf(options);
        const request = { tasks: options.task, agent, attempts: options.k, concurrency: options.concurrency };
        return ctx.withDatabase(async (database) => {
          // On PostgreSQL the jobs are queued for `trajstudio worker`s (here or on other hosts).
          if (database.kind === "postgres") {
            const jobs = await queueRollouts(database.db, request);
            ctx.output.result({ queued: jobs }, () => `Queued ${jobs.length} rollout job(s) (${jobs.join(", ")}); \`trajstudio worker\` runs them.`);
            return 0;
          }
          // The embedded database is held by this process: its worker runs here, printing each result as it ends.
          const print = ctx.output.json ? undefined : (r: RolloutOutcome) => ctx.output.result(r, describeRollout);
          const rollouts = await runRollouts(database.db, request, print);
          if (ctx.output.json) ctx.output.result({ rollouts });
          return rollouts.every((r) => r.ok) ? 0 : 1;
        });
      }),
    );
}

function parseAgent(value: string): AgentKind {
  if (!isAgentKind(value)) throw new InvalidArgumentError(`expected one of ${AGENT_KINDS.join(", ")}.`);
  return value;
}

/** The llm agent's config from the flags; the built-ins by name. */
function agentOf(options: RolloutOptions): RolloutsRequest["agent"] {
  if (options.agent !== "llm") return options.agent;
  if (!options.model || !options.baseUrl) throw new InvalidInputError("--agent llm needs --model and --base-url.");
  const { model, baseUrl, apiKeyEnv, maxTurns, temperature } = options;
  return { kind: "llm", model, baseUrl, ...(apiKeyEnv ? { apiKeyEnv } : {}), ...(maxTurns ? { maxTurns } : {}), ...(temperature !== undefined ? { temperature } : {}) };
}

function parseTemperature(value: string): number {
  const t = Number(value);
  if (!Number.isFinite(t) || t < 0 || t > 2) throw new InvalidArgumentError("expected a number from 0 to 2.");
  return t;
}

function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new InvalidArgumentError("expected a whole number from 1 to 1000.");
  return n;
}

/** One rollout's line, as `rollout` and `worker` print it when it ends. */
export function describeRollout(r: RolloutOutcome): string {
  return r.ok
    ? `  ${r.resolved ? "✓" : "✗"} ${r.task} [${r.agent}]: reward ${r.reward ?? "none"}, ${r.steps} steps, trajectory ${r.trajectoryId} in ${(r.durationMs / 1000).toFixed(1)} s`
    : `  ✗ ${r.task} (attempt ${r.attempt}): ${r.error}`;
}
