import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { getBlob } from "../blobs/blob-store";
import { InvalidInputError } from "../errors";
import { getTask } from "../tasks/list-tasks";
import { withTaskDir } from "../tasks/task-bundle";
import { JOB_LABEL, createContainer, removeContainer, startContainer } from "./docker/containers";
import { type Engine, closeEngine, connectEngine } from "./docker/engine";
import { type AgentKind, agents } from "./rollout-agents";
import { storeRollout } from "./rollout-trajectory";
import { ShellSession } from "./shell-session";
import type { CommandResult } from "./shell-session";
import { TASK_LABEL, ensureTaskImage } from "./task-image";
import { type Verification, verifyRollout } from "./verify-rollout";

export type RolloutOptions = {
  task: string;
  agent: AgentKind;
  /** The rollout job's id, put on the container's label; a fresh one when run outside the queue. */
  jobId?: string;
  /** An open engine connection (workers share one); else one is opened and closed here. */
  engine?: Engine;
};

export type RolloutResult = {
  jobId: string;
  task: string;
  agent: AgentKind;
  reward: number | null;
  resolved: boolean | null;
  trajectoryId: number;
  steps: number;
  imageBuilt: boolean;
  verifier: Verification | null;
  durationMs: number;
};

/** Containers get this many processes at most: a fork bomb must not take the host down. */
const PIDS_LIMIT = 1024;

/**
 * One rollout: the task's image (built once per checksum), a fresh container with the task's
 * limits, the agent in a recorded shell, the verifier, and the trajectory stored with tags and
 * EGS. The container is removed however the rollout ends.
 */
export async function runRollout(db: Db, options: RolloutOptions): Promise<RolloutResult> {
  const started = Date.now();
  const task = await getTask(db, options.task);
  if (!task.bundleBlob || !task.checksum) {
    throw new InvalidInputError(`Task "${task.name}" has no files stored (it is known from imports only): add its directory with \`trajstudio tasks add DIR\`.`);
  }
  const env = task.environment ?? {};
  const jobId = options.jobId ?? `adhoc-${randomUUID()}`;
  const engine = options.engine ?? (await connectEngine());
  try {
    const bundle = await getBlob(db, task.bundleBlob);
    const run = await withTaskDir(bundle, async (dir) => {
      const image = await ensureTaskImage(engine, { name: task.name, checksum: task.checksum!, buildTimeoutSec: env.buildTimeoutSec }, async () => dir);
      const containerId = await createContainer(engine, {
        image: image.tag,
        // The image's own entrypoint and command are not the task: the container only hosts the shell.
        entrypoint: [],
        cmd: ["sleep", "infinity"],
        labels: { [JOB_LABEL]: jobId, [TASK_LABEL]: task.name },
        allowInternet: env.allowInternet ?? false,
        cpus: env.cpus,
        memoryMb: env.memoryMb,
        pidsLimit: PIDS_LIMIT,
      });
      try {
        await startContainer(engine, containerId);
        const session = await ShellSession.open(engine, containerId);
        const startedAt = new Date();
        let commands: CommandResult[];
        try {
          commands = await agents[options.agent]({ engine, containerId, taskDir: dir, session, deadline: Date.now() + (env.agentTimeoutSec ?? 600) * 1000 });
        } finally {
          session.close();
        }
        const verifier = task.hasTests ? await verifyRollout(engine, containerId, dir, env.verifierTimeoutSec ?? 600) : null;
        return { image, commands, verifier, startedAt, recording: session.recorder.toString() };
      } finally {
        await removeContainer(engine, containerId);
      }
    });
    const reward = run.verifier?.reward ?? null;
    const failureTags = [...(run.commands.some((c) => c.timedOut) ? ["timeout"] : []), ...(run.verifier?.timedOut ? ["verifier-timeout"] : [])];
    const warnings = run.verifier && run.verifier.reward === null ? [`The verifier wrote no reward (exit ${run.verifier.exitCode}): ${run.verifier.log.slice(-500)}`] : [];
    const stored = await storeRollout(db, {
      jobId,
      agent: options.agent,
      task: { name: task.name, instruction: task.instruction },
      commands: run.commands,
      recording: run.recording,
      reward,
      startedAt: run.startedAt,
      endedAt: new Date(),
      failureTags,
      warnings,
    });
    return {
      jobId,
      task: task.name,
      agent: options.agent,
      reward,
      resolved: reward === null ? null : reward >= 1,
      ...stored,
      imageBuilt: run.image.built,
      verifier: run.verifier,
      durationMs: Date.now() - started,
    };
  } finally {
    if (!options.engine) closeEngine(engine);
  }
}
