import type { Command } from "commander";
import { formatNames } from "../../formats/registry";
import { type ImportResult, importPaths } from "../../imports/import-sources";
import type { CommandContext } from "../context";
import { importProgressBar } from "../progress";

type ImportOptions = { format?: string; agent?: string };

export function registerImport(program: Command, run: (action: (ctx: CommandContext) => Promise<number | void>) => Promise<void>) {
  program
    .command("import")
    .description("import trajectories from files, directories (recursively) and zip archives; formats are detected from content")
    .argument("<paths...>", "files, directories or .zip archives")
    .option("-f, --format <name>", `read every file as this format (${formatNames.join(", ")})`)
    .option("-a, --agent <name>", "name the teacher of every imported trajectory")
    .action((paths: string[], options: ImportOptions) => run((ctx) => importCommand(ctx, paths, options)));
}

async function importCommand(ctx: CommandContext, paths: string[], options: ImportOptions): Promise<number> {
  if (options.format && !formatNames.includes(options.format)) {
    ctx.output.info(`trajstudio: unknown format "${options.format}"; known formats: ${formatNames.join(", ")}`);
    if (ctx.output.json) ctx.output.result({ error: `unknown format "${options.format}"` });
    return 2;
  }
  const database = await ctx.openDatabase();
  try {
    const bar = ctx.output.json ? undefined : importProgressBar();
    const result = await importPaths(database.db, paths, { ...options, onProgress: bar?.update });
    bar?.done();
    ctx.output.result(result, describeResult);
    return result.failed.length > 0 ? 1 : 0;
  } finally {
    await database.close();
  }
}

/** The validation report for people: what each source became, warnings, and what failed. */
function describeResult(result: ImportResult): string {
  const lines: string[] = [];
  for (const report of result.reports) {
    if (report.status === "failed") continue;
    const what = report.status === "duplicate" ? "already imported" : `${report.trajectoryIds.length} trajector${report.trajectoryIds.length === 1 ? "y" : "ies"}, ${report.steps} steps`;
    lines.push(`  ${report.status === "duplicate" ? "=" : "+"} ${report.path} [${report.format}]: ${what}`);
    for (const warning of report.warnings) lines.push(`      ! ${warning}`);
  }
  for (const failure of result.failed) lines.push(`  ✗ ${failure.error}`);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  lines.push(
    `Imported ${plural(result.imported, "source")} (${plural(result.trajectories, "trajectory").replace("trajectorys", "trajectories")}, ${plural(result.steps, "step")}); ` +
      `${plural(result.duplicates, "duplicate")}; ${result.failed.length} failed${result.skipped.length ? `; ${result.skipped.length} other files skipped` : ""}.`,
  );
  return lines.join("\n");
}
