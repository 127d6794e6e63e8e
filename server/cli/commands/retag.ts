import type { Command } from "commander";
import { type RetagResult, retagTrajectories } from "../../egs/retag";
import type { CommandContext } from "../context";

export function registerRetag(program: Command, run: (action: (ctx: CommandContext) => Promise<number | void>) => Promise<void>) {
  program
    .command("retag")
    .description("tag stored trajectories again with the rules in effect (TRAJSTUDIO_RULES included); human labels are kept")
    .option("--all", "every trajectory, not only those tagged by other rules")
    .action((options: { all?: boolean }) =>
      run(async (ctx) => {
        await ctx.withDatabase(async (database) => {
          const result = await retagTrajectories(database.db, {
            all: options.all,
            onProgress: ctx.output.json ? undefined : (done, total) => process.stderr.write(`\rretagging ${done}/${total} trajectories`),
          });
          if (!ctx.output.json && result.trajectories) process.stderr.write("\n");
          ctx.output.result(result, describeRetag);
        });
      }),
    );
}

function describeRetag(r: RetagResult): string {
  if (r.trajectories === 0) return `Every trajectory is already tagged with rules ${r.rulesVersion}.`;
  return `Retagged ${r.trajectories} trajectories (${r.steps} steps) with rules ${r.rulesVersion}: ${r.changed} step tags changed; human labels kept.`;
}
