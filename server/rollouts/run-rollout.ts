import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { upsertAgent } from "../agents/upsert-agent";
import { getBlob } from "../blobs/blob-store";
import { InvalidInputError } from "../errors";
import { getTask } from "../tasks/list-tasks";
import { withTaskDir } from "../tasks/task-bundle";
import { JOB_LABEL, createContainer, removeContainer, startContainer } from "./docker/containers";
import { type Engine, closeEngine, connectEngine } from "./docker/engine";
import { llmAgent } from "./llm-agent";
import { type Agent, type AgentConfig, type AgentKind, type AgentOutcome, agentName, builtinAgents } from "./rollout-agents";
import { storeRollout } from "./rollout-trajectory";
import { ShellSession } from "./shell-session";
import { TASK_LABEL, ensureTaskImage } from "./task-image";
import { type Verification, verifyRollout } from "./verify-rollout";

export type RolloutOptions = {
  task: string;
  /** A built-in agent by name, or an agent's config (an LLM agent needs one). */
  agent: Exclude<AgentKind, "llm"> | AgentConfig;
  /** The rollout job's id, put on the container's label; a fresh one when run outside the queue. */
  jobId?: string;
  /** An open engine connection (workers share one); else one is opened and closed here. */
  engine?: Engine;
};

export type RolloutResult = {
  jobId: string;
  task: string;
  agent: string;
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
  const config: AgentConfig = typeof options.agent === "string" ? { kind: options.agent } : options.agent;
  const agent: Agent = config.kind === "llm" ? llmAgent(config) : builtinAgents[config.kind];
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
        let outcome: AgentOutcome;
        try {
          const deadline = Date.now() + (env.agentTimeoutSec ?? 600) * 1000;
          outcome = await agent({ engine, containerId, taskDir: dir, session, instruction: task.instruction ?? "", deadline });
        } finally {
          session.close();
        }
        const verifier = task.hasTests ? await verifyRollout(engine, containerId, dir, env.verifierTimeoutSec ?? 600) : null;
        return { image, outcome, verifier, startedAt, recording: session.recorder.toString() };
      } finally {
        await removeContainer(engine, containerId);
      }
    });
    const reward = run.verifier?.reward ?? null;
    const failureTags = [...run.outcome.failureTags, ...(run.verifier?.timedOut ? ["verifier-timeout"] : [])];
    const warnings = [...run.outcome.warnings, ...verifierWarnings(run.verifier)];
    const name = agentName(config);
    const agentInput = { name, ...(config.kind === "llm" ? { model: config.model, harness: "trajstudio-terminus" } : {}) };
    // The config is kept on the agent (shown on the Agents page); it names the key's variable, never holds the key.
    if (config.kind === "llm") await upsertAgent(db, { ...agentInput, config });
    const stored = await storeRollout(db, {
      jobId,
      agent: agentInput,
      task: { name: task.name, instruction: task.instruction },
      steps: run.outcome.steps,
      usage: run.outcome.usage,
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
      agent: name,
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

function verifierWarnings(verifier: Verification | null): string[] {
  return verifier && verifier.reward === null ? [`The verifier wrote no reward (exit ${verifier.exitCode}): ${verifier.log.slice(-500)}`] : [];
}
