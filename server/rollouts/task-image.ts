import path from "node:path";
import type { Engine } from "./docker/engine";
import { buildImage, inspectImage } from "./docker/images";

/** The label on task images, with the task's name: cleanup and the UI find them by it. */
export const TASK_LABEL = "org.trajstudio.task";

/**
 * The image tag for a task definition. Keyed by the task's checksum, so an edited task builds a
 * new image and an unchanged one reuses what any earlier rollout on this engine built.
 */
export function taskImageTag(name: string, checksum: string): string {
  // Repository names are lowercase [a-z0-9] separated by . _ - or /.
  const repo = name.toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, "") || "task";
  return `trajstudio-task/${repo}:${checksum.slice(0, 12)}`;
}

export type TaskImage = { tag: string; built: boolean; buildLog?: string };

/** The task's image, built from `<taskDir>/environment` unless the engine has it already. */
export async function ensureTaskImage(
  engine: Engine,
  task: { name: string; checksum: string; buildTimeoutSec?: number },
  taskDir: () => Promise<string>,
  signal?: AbortSignal,
): Promise<TaskImage> {
  const tag = taskImageTag(task.name, task.checksum);
  if (await inspectImage(engine, tag)) return { tag, built: false };
  const timeout = AbortSignal.timeout((task.buildTimeoutSec ?? 600) * 1000);
  const built = await buildImage(engine, {
    contextDir: path.join(await taskDir(), "environment"),
    tag,
    labels: { [TASK_LABEL]: task.name },
    signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
  });
  return { tag, built: true, buildLog: built.log };
}
