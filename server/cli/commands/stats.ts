import type { Command } from "commander";
import { type AgentStats, agentStats } from "../../egs/agent-stats";
import type { CommandContext } from "../context";

export function registerStats(program: Command, run: (action: (ctx: CommandContext) => Promise<number | void>) => Promise<void>) {
  program
    .command("stats")
    .description("per teacher: trajectories, resolved rate, mean steps, tag shares, TOR, VAR and EGS")
    .action(() =>
      run(async (ctx) => {
        await ctx.withDatabase(async (database) => {
          const agents = await agentStats(database.db);
          ctx.output.result({ agents }, describeStats);
        });
      }),
    );
}

const pct = (v: number | null) => (v === null ? "n/a" : `${(v * 100).toFixed(1)}%`);

function describeStats({ agents }: { agents: AgentStats[] }): string {
  if (agents.length === 0) return "No trajectories yet: import some with `trajstudio import PATH`.";
  const header = ["teacher", "trajectories", "resolved", "mean steps", "inspect", "act", "verify", "TOR", "VAR", "EGS"];
  const rows = agents.map((a) => [
    a.name,
    String(a.trajectories),
    a.resolvedRate === null ? "n/a" : `${pct(a.resolvedRate)} (${a.resolved}/${a.judged})`,
    a.meanSteps.toFixed(1),
    pct(a.tagShares.inspect),
    pct(a.tagShares.act),
    pct(a.tagShares.verify),
    pct(a.tor),
    pct(a.var),
    pct(a.egs),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
