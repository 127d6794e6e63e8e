import { Command, CommanderError } from "commander";
import { VERSION } from "../system/health";
import { registerDataset } from "./commands/dataset";
import { registerExport } from "./commands/export";
import { registerImport } from "./commands/import";
import { registerRetag } from "./commands/retag";
import { registerRollout } from "./commands/rollout";
import { registerScore } from "./commands/score";
import { registerServe } from "./commands/serve";
import { registerStats } from "./commands/stats";
import { registerTasks } from "./commands/tasks";
import { registerWorker } from "./commands/worker";
import { type CommandContext, type GlobalOptions, createContext } from "./context";
import { createOutput, describeError } from "./output";

export function buildProgram(run: (action: (ctx: CommandContext) => Promise<number | void>) => Promise<void>) {
  const program = new Command()
    .name("trajstudio")
    .description(
      "Trajectory Studio: import, replay, tag, score and export terminal-agent trajectories.\n\n" +
        "Data lives in an embedded database (--data, default ./.trajstudio) or, with\n" +
        "DATABASE_URL=postgres://…, on a PostgreSQL server.",
    )
    // Not commander's .version(): a program option is read after the subcommand too, and would
    // take `export … --version 2` and `student add --version 2` (main() handles `trajstudio -v`).
    .addHelpText("beforeAll", `trajstudio ${VERSION} (trajstudio -v prints the version)\n`)
    .option("--data <dir>", "embedded database directory (env TRAJSTUDIO_DATA, default ./.trajstudio)")
    .option("--json", "print one JSON document on stdout and nothing else there")
    .showHelpAfterError("(run trajstudio --help for usage)")
    .exitOverride();
  registerServe(program, run);
  registerImport(program, run);
  registerScore(program, run);
  registerStats(program, run);
  registerRetag(program, run);
  registerDataset(program, run);
  registerExport(program, run);
  registerTasks(program, run);
  registerRollout(program, run);
  registerWorker(program, run);
  return program;
}

/**
 * In --json mode stdout carries one document. Libraries that log with console (Next.js prints
 * "✓ Running next.config.js…") are sent to stderr so they cannot break a `| jq`.
 */
function keepStdoutForJson() {
  console.log = console.info = console.debug = (...args: unknown[]) => console.error(...args);
}

/** Runs the CLI and resolves to the process exit code; never throws, never prints a stack. */
export async function main(argv: string[]): Promise<number> {
  if (argv.length === 3 && (argv[2] === "-v" || argv[2] === "--version")) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  let exitCode = 0;
  let json = argv.includes("--json");
  const program = buildProgram(async (action) => {
    const options = program.opts<GlobalOptions>();
    json = Boolean(options.json);
    if (json) keepStdoutForJson();
    exitCode = (await action(createContext(options))) ?? 0;
  });
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode; // commander has printed help or the usage error
    const output = createOutput(json);
    const message = describeError(error);
    if (json) output.result({ error: message });
    output.info(`trajstudio: ${message}`);
    return 1;
  }
}
