import { hostname } from "node:os";
import { type Command, InvalidArgumentError } from "commander";
import { toOutcome } from "../../rollouts/run-rollouts";
import { abandonWorkerJobs, runWorker } from "../../rollouts/worker";
import type { CommandContext } from "../context";
import { describeRollout } from "./rollout";

type WorkerOptions = { concurrency: number; id?: string };

export function registerWorker(program: Command, run: (action: (ctx: CommandContext) => Promise<number | void>) => Promise<void>) {
  program
    .command("worker")
    .description("take queued rollout jobs and run them, until SIGINT/SIGTERM (a second one requeues running jobs and exits)")
    .option("-c, --concurrency <n>", "rollouts at once", parseCount, 1)
    .option("--id <name>", "this worker's name on its jobs (default host-pid)")
    .action((options: WorkerOptions) =>
      run((ctx) =>
        ctx.withDatabase(async (database) => {
          const workerId = options.id ?? `${hostname()}-${process.pid}`;
          const stop = new AbortController();
          // First signal: take no more jobs, let the running ones finish. Second: hand them back now.
          const onSignal = () => {
            if (!stop.signal.aborted) {
              ctx.output.info(`worker ${workerId}: stopping after the running jobs (signal again to requeue them now)`);
              stop.abort();
              return;
            }
            void abandonWorkerJobs(database.db, workerId, process.env.TRAJSTUDIO_JOB_LABEL_PREFIX)
              .then((ids) => ctx.output.info(`worker ${workerId}: requeued ${ids.length} job(s)`))
              .finally(() => process.exit(130));
          };
          process.on("SIGINT", onSignal);
          process.on("SIGTERM", onSignal);
          try {
            ctx.output.info(`worker ${workerId}: taking jobs (${options.concurrency} at once)`);
            const print = ctx.output.json ? undefined : (outcome: ReturnType<typeof toOutcome>) => ctx.output.result(outcome, describeRollout);
            // The label prefix keeps apart the containers of several databases on one engine (tests).
            const labelPrefix = process.env.TRAJSTUDIO_JOB_LABEL_PREFIX ?? "";
            const results = await runWorker(database.db, { workerId, concurrency: options.concurrency, signal: stop.signal, labelPrefix, onResult: print && ((r) => print(toOutcome(r))) });
            if (ctx.output.json) ctx.output.result({ rollouts: results.map(toOutcome) });
            return 0;
          } finally {
            process.off("SIGINT", onSignal);
            process.off("SIGTERM", onSignal);
          }
        }),
      ),
    );
}

function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new InvalidArgumentError("expected a whole number from 1 to 1000.");
  return n;
}
