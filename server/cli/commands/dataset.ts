import type { Command } from "commander";
import { createDataset, getDataset, listDatasets } from "../../datasets/create-dataset";
import type { CurationOptionsInput } from "../../datasets/curation-options";
import { freezeDataset } from "../../datasets/freeze-dataset";
import { addStudentResult } from "../../datasets/student-results";
import { InvalidInputError } from "../../errors";
import type { TokenFamily } from "../../exports/count-tokens";
import type { CommandContext } from "../context";

type Run = (action: (ctx: CommandContext) => Promise<number | void>) => Promise<void>;

type CreateFlags = {
  filter?: string;
  description?: string;
  minEgs?: string;
  minTor?: string;
  failedToo?: boolean;
  maxPerTask?: string;
  balanceTeachers?: boolean;
  dedupe?: boolean;
  tokenBudget?: string;
  tokenizer?: string;
  validation?: string;
  seed?: string;
};

/** `trajstudio dataset create|list|show|freeze` and `trajstudio student add`. */
export function registerDataset(program: Command, run: Run) {
  const dataset = program.command("dataset").description("curate training sets: a filter plus options, frozen into immutable versions");
  dataset
    .command("create <name>")
    .description("create a dataset from a filter in the trajectory list's language (its URL query) and curation options")
    .option("--filter <query>", 'e.g. "outcome=resolved&egs=0.5-&q=pytest&agent=terminus-2" (as in /trajectories?…)', "")
    .option("--description <text>", "what the set is for")
    .option("--min-egs <x>", "minimum EGS, 0–1")
    .option("--min-tor <x>", "minimum TOR, 0–1")
    .option("--failed-too", "keep failed runs too (default: resolved only)")
    .option("--max-per-task <n>", "at most N per task, the most grounded first")
    .option("--balance-teachers", "as many from each teacher")
    .option("--no-dedupe", "keep near-identical command sequences of a task")
    .option("--token-budget <n>", "leave out trajectories longer than N tokens")
    .option("--tokenizer <family>", "tokenizer family for the budget: o200k, cl100k, llama3, qwen", "o200k")
    .option("--validation <share>", "share of tasks held out for validation, e.g. 0.1")
    .option("--seed <text>", "seed of the train/validation split")
    .action((name: string, flags: CreateFlags) =>
      run(async (ctx) => {
        await ctx.withDatabase(async (database) => {
          const created = await createDataset(database.db, { name, filter: flags.filter ?? "", description: flags.description, options: optionsOf(flags) });
          ctx.output.result(created, (d) => `Created dataset ${d.name} (filter: ${d.filter || "all trajectories"}). Freeze it with \`trajstudio dataset freeze ${d.name}\`.`);
        });
      }),
    );
  dataset
    .command("list")
    .description("every dataset")
    .action(() =>
      run(async (ctx) => {
        await ctx.withDatabase(async (database) => {
          const all = await listDatasets(database.db);
          ctx.output.result({ datasets: all }, ({ datasets }) => (datasets.length ? datasets.map((d) => d.name).join("\n") : "No datasets yet: `trajstudio dataset create NAME --filter …`."));
        });
      }),
    );
  dataset
    .command("show <name>")
    .description("a dataset's filter, options and frozen versions")
    .action((name: string) =>
      run(async (ctx) => {
        await ctx.withDatabase(async (database) => {
          const d = await getDataset(database.db, name);
          ctx.output.result(d, (x) =>
            [`${x.name}: filter ${x.filter || "(all)"}`, `options ${JSON.stringify(x.options)}`, ...x.versions.map((v) => `v${v.version}: ${v.memberCount} trajectories, hash ${v.contentHash.slice(0, 12)}`)].join("\n"),
          );
        });
      }),
    );
  dataset
    .command("freeze <name>")
    .description("select the members now and write an immutable version (members, filter, options, stats, content hash)")
    .action((name: string) =>
      run(async (ctx) => {
        await ctx.withDatabase(async (database) => {
          const v = await freezeDataset(database.db, { dataset: name });
          ctx.output.result(v, (x) => `Froze ${name} v${x.version}: ${x.memberCount} trajectories, hash ${x.contentHash}.`);
        });
      }),
    );

  program
    .command("student")
    .description("record what students trained on a frozen version scored")
    .command("add")
    .description("record one student result")
    .requiredOption("--dataset <name>", "the dataset")
    .requiredOption("--version <n>", "its frozen version")
    .requiredOption("--model <name>", "the student model")
    .requiredOption("--benchmark <name>", "e.g. terminal-bench-2.0")
    .requiredOption("--score <x>", "the score (a rate in 0–1, or as the benchmark reports it)")
    .option("--notes <text>", "epochs, learning rate, anything to remember")
    .action((flags: { dataset: string; version: string; model: string; benchmark: string; score: string; notes?: string }) =>
      run(async (ctx) => {
        await ctx.withDatabase(async (database) => {
          const row = await addStudentResult(database.db, {
            dataset: flags.dataset,
            version: integer(flags.version, "--version"),
            studentModel: flags.model,
            benchmark: flags.benchmark,
            score: number(flags.score, "--score"),
            notes: flags.notes,
          });
          ctx.output.result(row, (r) => `Recorded ${r.studentModel} on ${r.benchmark}: ${r.score} (trained on ${flags.dataset} v${flags.version}).`);
        });
      }),
    );
}

function optionsOf(flags: CreateFlags): CurationOptionsInput {
  return {
    ...(flags.minEgs !== undefined ? { minEgs: number(flags.minEgs, "--min-egs") } : {}),
    ...(flags.minTor !== undefined ? { minTor: number(flags.minTor, "--min-tor") } : {}),
    outcome: flags.failedToo ? "any" : "resolved",
    ...(flags.maxPerTask !== undefined ? { maxPerTask: integer(flags.maxPerTask, "--max-per-task") } : {}),
    balanceTeachers: Boolean(flags.balanceTeachers),
    dedupe: flags.dedupe !== false,
    ...(flags.tokenBudget !== undefined ? { tokenBudget: { max: integer(flags.tokenBudget, "--token-budget"), family: (flags.tokenizer ?? "o200k") as TokenFamily } } : {}),
    ...(flags.validation !== undefined ? { validationShare: number(flags.validation, "--validation") } : {}),
    ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
  };
}

function number(text: string, flag: string): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value)) throw new InvalidInputError(`${flag} takes a number, not "${text}".`);
  return value;
}

function integer(text: string, flag: string): number {
  const value = number(text, flag);
  if (!Number.isInteger(value)) throw new InvalidInputError(`${flag} takes a whole number, not "${text}".`);
  return value;
}
