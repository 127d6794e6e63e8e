/*
 * The Docker Engine client (server/rollouts/docker) against the real engine: building each example
 * task's image (cold: no layer cache; cached: the same build again), creating + starting a
 * container, and one command's round trip — `true` through runExec, and `echo` through the PTY
 * shell an agent drives — each against `docker exec <ctr> true` from the CLI in the same run.
 * Target (issue 7): per-command overhead of the runtime ≤ 1.5× a bare `docker exec`.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { JOB_LABEL, createContainer, listContainers, removeContainer, startContainer } from "@/server/rollouts/docker/containers";
import { closeEngine, connectEngine } from "@/server/rollouts/docker/engine";
import { openShell } from "@/server/rollouts/docker/exec";
import { runExec } from "@/server/rollouts/docker/exec-run";
import { buildImage, listImagesByLabel, removeImage } from "@/server/rollouts/docker/images";
import { type Benchmark, type Figure, timed } from "./lib/harness";

const EXAMPLES = path.resolve(import.meta.dirname, "../server/tasks/examples");
const TASKS = ["hello-file", "fix-permissions", "count-lines"];
const ROUND_TRIPS = 20;
const run = promisify(execFile);

const benchmark: Benchmark = {
  name: "docker-engine",
  description: "image builds, container start and exec round trips through the Engine API client vs the docker CLI",
  async run(env) {
    const engine = await connectEngine();
    const job = `bench-${process.pid}`;
    const labels = { [JOB_LABEL]: job };
    const figures: Figure[] = [];
    try {
      for (const task of TASKS) {
        const options = { contextDir: path.join(EXAMPLES, task, "environment"), tag: `trajstudio-bench/${task}:${job}`, labels };
        const cold: number[] = [];
        const cached: number[] = [];
        for (let i = 0; i < Math.min(env.runs, 3); i++) {
          cold.push(await timed(() => buildImage(engine, { ...options, noCache: true })));
          cached.push(await timed(() => buildImage(engine, options)));
        }
        figures.push({ name: `build ${task}, cached`, unit: "ms", samples: cached, baseline: { name: "cold", samples: cold } });
      }

      const image = `trajstudio-bench/hello-file:${job}`;
      const spec = { image, cmd: ["sleep", "infinity"], labels, cpus: 1, memoryMb: 512 };
      const starts: number[] = [];
      for (let i = 0; i < ROUND_TRIPS; i++) {
        let id = "";
        starts.push(await timed(async () => {
          id = await createContainer(engine, spec);
          await startContainer(engine, id);
        }));
        await removeContainer(engine, id);
      }
      figures.push({ name: "container create + start", unit: "ms", samples: starts });

      const id = await createContainer(engine, spec);
      await startContainer(engine, id);
      const shell = await openShell(engine, id);
      const api: number[] = [];
      const cli: number[] = [];
      const pty: number[] = [];
      // Interleaved, so drift on a shared machine hits both sides alike.
      for (let i = 0; i < ROUND_TRIPS; i++) {
        cli.push(await timed(() => run("docker", ["exec", id, "true"])));
        api.push(await timed(() => runExec(engine, id, ["true"])));
        pty.push(await timed(() => new Promise<void>((resolve) => {
          const marker = `done-${i}`;
          let seen = "";
          const onData = (chunk: Buffer) => {
            seen += chunk.toString("utf8");
            if (seen.includes(`${marker}\r\n`)) {
              shell.stream.off("data", onData);
              resolve();
            }
          };
          shell.stream.on("data", onData);
          shell.stream.write(`true; echo ${marker}\n`);
        })));
      }
      shell.stream.end("exit\n");
      figures.push({ name: "exec `true` via runExec (API)", unit: "ms", samples: api, baseline: { name: "docker exec", samples: cli }, target: "≤ ×1.5" });
      figures.push({ name: "command in the PTY shell", unit: "ms", samples: pty, baseline: { name: "docker exec", samples: cli }, target: "≤ ×1.5" });
      env.log(`medians are over ${ROUND_TRIPS} round trips each`);
    } finally {
      for (const c of await listContainers(engine, `${JOB_LABEL}=${job}`)) await removeContainer(engine, c.Id);
      for (const i of await listImagesByLabel(engine, `${JOB_LABEL}=${job}`)) await removeImage(engine, i.Id, { force: true });
      closeEngine(engine);
    }
    return figures;
  },
};

export default benchmark;
