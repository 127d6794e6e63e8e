import type { Command } from "commander";
import { type AddedTask, addTasks } from "../../tasks/add-tasks";
import { type TaskValidationResult, validateTasks } from "../../tasks/validate-tasks";
import type { CommandContext } from "../context";

type Run = (action: (ctx: CommandContext) => Promise<number | void>) => Promise<void>;

export function registerTasks(program: Command, run: Run) {
  const tasks = program.command("tasks").description("the task library (Harbor layout): add task directories, validate them in Docker");
  tasks
    .command("add")
    .description("add task directories, or directories of them; their files are stored in the database")
    .argument("<dirs...>", "task directories (with task.toml) or directories holding several")
    .action((dirs: string[]) =>
      run((ctx) =>
        ctx.withDatabase(async (database) => {
          const added = await addTasks(database.db, dirs);
          ctx.output.result({ added }, describeAdded);
        }),
      ),
    );
  tasks
    .command("validate")
    .description("run the oracle (must pass) and nop (must fail) agents on each task in Docker; store the verdict")
    .argument("<names...>", "task names")
    .action((names: string[]) =>
      run((ctx) =>
        ctx.withDatabase(async (database) => {
          const results = await validateTasks(database.db, names);
          ctx.output.result({ results }, describeValidation);
          return results.every((r) => r.validation === "valid") ? 0 : 1;
        }),
      ),
    );
}

function describeAdded({ added }: { added: AddedTask[] }): string {
  const lines = added.map((t) => `  ${t.created ? "+" : "="} ${t.name} (${t.dir}) [${t.validation}]`);
  return [...lines, `Added ${added.filter((t) => t.created).length} new, updated ${added.filter((t) => !t.created).length}.`].join("\n");
}

function describeValidation({ results }: { results: TaskValidationResult[] }): string {
  const reward = (r: number | null) => (r === null ? "none" : String(r));
  return results
    .map((r) => {
      const seconds = `${(r.durationMs / 1000).toFixed(1)} s`;
      if (r.validation === "error") return `  ✗ ${r.name}: error after ${seconds}: ${r.error}`;
      const mark = r.validation === "valid" ? "✓" : "✗";
      return `  ${mark} ${r.name}: ${r.validation} (oracle reward ${reward(r.oracleReward)}, nop reward ${reward(r.nopReward)}) in ${seconds}`;
    })
    .join("\n");
}
