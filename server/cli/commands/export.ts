import type { Command } from "commander";
import { EXPORT_FORMATS, type ExportFormat, exportDataset } from "../../exports/export-dataset";
import { InvalidInputError } from "../../errors";
import type { CommandContext } from "../context";

type Run = (action: (ctx: CommandContext) => Promise<number | void>) => Promise<void>;

type Flags = { format: string; out: string; version?: string; redact?: boolean; maskObservations?: boolean; trainNonTrainable?: boolean; weights?: boolean; dropThoughts?: boolean };

/** `trajstudio export NAME --format F --out DIR [--version N]`: a frozen version in a trainer's format. */
export function registerExport(program: Command, run: Run) {
  program
    .command("export <dataset>")
    .description("write a frozen dataset version in a trainer's format, with a manifest and a dataset card (Ctrl-C cancels, leaving nothing behind)")
    .requiredOption("--format <format>", `one of ${EXPORT_FORMATS.join(", ")}`)
    .requiredOption("--out <dir>", "a new directory to write")
    .option("--version <n>", "the frozen version (default: the latest)")
    .option("--no-redact", "keep secrets and e-mail addresses as recorded")
    .option("--mask-observations", "axolotl: do not train on observation (tool result) turns")
    .option("--train-non-trainable", "axolotl: train on steps marked not trainable too")
    .option("--weights", "openai: weight 0/1 on assistant messages")
    .option("--drop-thoughts", "sharegpt: drop the thought before each call instead of <think>…</think>")
    .action((dataset: string, flags: Flags) =>
      run(async (ctx) => {
        if (!(EXPORT_FORMATS as readonly string[]).includes(flags.format)) throw new InvalidInputError(`--format ${flags.format} is not one of ${EXPORT_FORMATS.join(", ")}.`);
        const version = flags.version === undefined ? undefined : Number(flags.version);
        if (version !== undefined && !Number.isInteger(version)) throw new InvalidInputError(`--version takes a version number, not "${flags.version}".`);
        const controller = new AbortController();
        const cancel = () => controller.abort();
        process.once("SIGINT", cancel);
        try {
          const summary = await ctx.withDatabase((database) =>
            exportDataset(database.db, {
              dataset,
              version,
              format: flags.format as ExportFormat,
              out: flags.out,
              options: { redact: flags.redact !== false, maskObservations: Boolean(flags.maskObservations), maskNonTrainable: !flags.trainNonTrainable, weights: Boolean(flags.weights), thoughts: flags.dropThoughts ? "drop" : "think" },
              signal: controller.signal,
              // One self-rewriting line on a terminal; nothing when piped.
              onProgress: process.stderr.isTTY ? (done, total) => process.stderr.write(`\rexported ${done}/${total} trajectories\u001b[K`) : undefined,
            }),
          );
          if (process.stderr.isTTY) process.stderr.write("\r\u001b[K");
          ctx.output.result(summary, (s) => `Wrote ${s.trajectories} trajectories to ${s.dir} (${s.files.length} files, ${s.bytes} bytes, hash ${s.contentHash}).`);
        } finally {
          process.off("SIGINT", cancel);
        }
      }),
    );
}
