import type { Command } from "commander";
import { type ScoreReport, scorePaths } from "../../egs/score-paths";
import { formatNames } from "../../formats/registry";
import type { CommandContext } from "../context";

export function registerScore(program: Command, run: (action: (ctx: CommandContext) => Promise<number | void>) => Promise<void>) {
  program
    .command("score")
    .description("tag every command inspect/act/verify/other and compute the EGS metrics of trajectory files — no database")
    .argument("<paths...>", "files, directories or .zip archives")
    .option("-f, --format <name>", `read every file as this format (${formatNames.join(", ")})`)
    .option("-a, --agent <name>", "name the teacher")
    .action((paths: string[], options: { format?: string; agent?: string }) =>
      run(async (ctx) => {
        if (options.format && !formatNames.includes(options.format)) {
          ctx.output.info(`trajstudio: unknown format "${options.format}"; known formats: ${formatNames.join(", ")}`);
          if (ctx.output.json) ctx.output.result({ error: `unknown format "${options.format}"` });
          return 2;
        }
        const report = await scorePaths(paths, options);
        ctx.output.result(report, describeScore);
        return report.failed.length > 0 ? 1 : 0;
      }),
    );
}

const percent = (v: number | null) => (v === null ? "  n/a" : `${(v * 100).toFixed(0).padStart(4)}%`);
const LETTER: Record<string, string> = { inspect: "I", act: "A", verify: "V", other: "·" };

/** For people: one block per trajectory with its metrics and the tag of each action (I A V ·). */
function describeScore(report: ScoreReport): string {
  const lines: string[] = [];
  for (const t of report.trajectories) {
    const m = t.metrics;
    lines.push(`${t.source}${t.agent ? `  [${t.agent}]` : ""}${t.task ? `  task ${t.task}` : ""}`);
    lines.push(`  TOR ${percent(m.tor)}  VAR ${percent(m.var)}  closed loop ${m.closedLoop === null ? "n/a" : m.closedLoop ? "yes" : "no"}  IAV ${m.iavCycles}  EGS ${percent(m.egs)}`);
    lines.push(`  ${t.steps.length} actions: ${m.counts.inspect} inspect, ${m.counts.act} act, ${m.counts.verify} verify, ${m.counts.other} other`);
    if (t.steps.length) lines.push(`  ${t.steps.map((s) => LETTER[s.tag]).join("")}`);
  }
  for (const f of report.failed) lines.push(`✗ ${f.error}`);
  lines.push(`${report.trajectories.length} trajector${report.trajectories.length === 1 ? "y" : "ies"} scored (${report.egsVersion}, rules ${report.rulesVersion}); ${report.failed.length} failed.`);
  return lines.join("\n");
}
