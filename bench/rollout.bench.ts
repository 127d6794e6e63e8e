/*
 * End-to-end oracle rollout of the trivial example task (hello-file) with its image cached:
 * bundle → container with the task's limits → recorded shell → solve.sh → verifier → container
 * removed → trajectory stored with tags and EGS (embedded database). Baseline, same run: the
 * floor of any container work, `docker run --rm <image> true` from the CLI.
 * Target (issue 7): ≤ 5 s.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { openMemoryDatabase } from "@/db/client";
import { closeEngine, connectEngine } from "@/server/rollouts/docker/engine";
import { runRollout } from "@/server/rollouts/run-rollout";
import { taskImageTag } from "@/server/rollouts/task-image";
import { addTasks } from "@/server/tasks/add-tasks";
import { type Benchmark, type Figure, timed } from "./lib/harness";

const TASK_DIR = path.resolve(import.meta.dirname, "../server/tasks/examples/hello-file");
const run = promisify(execFile);

const benchmark: Benchmark = {
  name: "rollout",
  description: "end-to-end oracle rollout of hello-file, image cached, vs `docker run --rm <image> true`",
  async run(env) {
    const database = await openMemoryDatabase();
    const engine = await connectEngine();
    try {
      const [task] = await addTasks(database.db, [TASK_DIR]);
      // The first rollout builds (or finds) the image; it is not measured.
      const warm = await runRollout(database.db, { task: task!.name, agent: "oracle", engine });
      if (warm.reward !== 1) throw new Error(`warm-up rollout earned ${warm.reward}`);
      const image = taskImageTag(task!.name, task!.checksum);
      const rollouts: number[] = [];
      const floor: number[] = [];
      for (let i = 0; i < Math.max(env.runs, 5); i++) {
        floor.push(await timed(() => run("docker", ["run", "--rm", "--network", "none", image, "true"])));
        rollouts.push(await timed(async () => {
          const result = await runRollout(database.db, { task: task!.name, agent: "oracle", engine });
          if (result.reward !== 1) throw new Error(`rollout earned ${result.reward}`);
        }));
      }
      const figures: Figure[] = [{ name: "oracle rollout, image cached", unit: "ms", samples: rollouts, baseline: { name: "docker run --rm true", samples: floor }, target: "≤ 5000 ms" }];
      return figures;
    } finally {
      closeEngine(engine);
      await database.close();
    }
  },
};

export default benchmark;
