import fs from "node:fs/promises";
import path from "node:path";
import { BaseImageMissingError, DockerError } from "./docker-error";
import { type Engine, call, send } from "./engine";
import { baseImages } from "./dockerfile-from";
import { directoryEntries, writeTar } from "./tar";

export type BuildOptions = {
  /** The build context; its `Dockerfile` (or `dockerfile`) is the one built. */
  contextDir: string;
  /** `name:tag` the image gets. */
  tag: string;
  dockerfile?: string;
  labels?: Record<string, string>;
  buildArgs?: Record<string, string>;
  /** Rebuild every step instead of reusing cached layers. */
  noCache?: boolean;
  /** Each line of build output as the engine sends it (step headers, RUN output, pull progress). */
  onOutput?: (line: string) => void;
  /** Aborting stops the build: the classic builder cancels when its connection closes. */
  signal?: AbortSignal;
};

export type BuildResult = { imageId: string; log: string };

/** A build that failed; `log` is the end of what the build printed, for the job's logs. */
export class BuildError extends DockerError {
  constructor(
    message: string,
    readonly log: string,
  ) {
    super(message, 500, "POST /build");
  }
}

/** Builds `contextDir` into an image tagged `tag`, streaming output as it comes. */
export async function buildImage(engine: Engine, options: BuildOptions): Promise<BuildResult> {
  const dockerfile = options.dockerfile ?? "Dockerfile";
  const dockerfileText = await fs.readFile(path.join(options.contextDir, dockerfile), "utf8").catch(() => {
    throw new DockerError(`No ${dockerfile} in ${options.contextDir}.`, 400, "POST /build");
  });
  const context = writeTar(await directoryEntries(options.contextDir));
  const res = await send(engine, {
    method: "POST",
    path: "/build",
    query: {
      t: options.tag,
      dockerfile,
      labels: options.labels ? JSON.stringify(options.labels) : undefined,
      buildargs: options.buildArgs ? JSON.stringify(options.buildArgs) : undefined,
      // Without forcerm a failed step leaves its intermediate container behind.
      nocache: options.noCache,
      rm: true,
      forcerm: true,
    },
    body: context,
    headers: { "Content-Type": "application/x-tar" },
    signal: options.signal,
  });

  const log: string[] = [];
  let imageId = "";
  let failure: string | undefined;
  let pending = "";
  let partial = "";
  const handle = (line: string) => {
    if (!line.trim()) return;
    const message = JSON.parse(line) as { stream?: string; status?: string; error?: string; errorDetail?: { message?: string }; aux?: { ID?: string } };
    if (message.aux?.ID) imageId = message.aux.ID;
    if (message.error) failure = message.errorDetail?.message ?? message.error;
    // A step's header and its newline can come in separate messages: output whole lines only.
    const text = partial + (message.stream ?? (message.status ? `${message.status}\n` : message.error ? `${message.error}\n` : ""));
    const lines = text.split("\n");
    partial = lines.pop() ?? "";
    for (const out of lines) {
      log.push(out);
      if (log.length > 200) log.shift();
      options.onOutput?.(out);
    }
  };
  try {
    for await (const chunk of res) {
      const lines = (pending + (chunk as Buffer).toString("utf8")).split("\n");
      pending = lines.pop() ?? "";
      lines.forEach(handle);
    }
  } catch (error) {
    if (!options.signal?.aborted) throw error;
    // The engine stops the build and removes its step container once the connection is gone.
    const why = (options.signal.reason as Error | undefined)?.name === "TimeoutError" ? "it timed out" : "it was cancelled";
    throw new BuildError(`Building ${options.tag} stopped before it finished: ${why}.`, log.slice(-30).join("\n"));
  }
  handle(pending);
  if (partial) handle(JSON.stringify({ stream: "\n" }));

  if (failure !== undefined) {
    const missing = await firstMissingImage(engine, baseImages(dockerfileText, options.buildArgs));
    if (missing) throw new BaseImageMissingError(missing, failure);
    throw new BuildError(`Building ${options.tag} failed: ${failure.trim()}`, log.slice(-30).join("\n"));
  }
  if (!imageId) imageId = (await inspectImage(engine, options.tag))?.Id ?? "";
  return { imageId, log: log.join("\n") };
}

export type ImageInfo = { Id: string; RepoTags: string[]; Created: string; Size: number; Config: { Labels: Record<string, string> | null } };

/** The image, or undefined when the engine has none by that name. */
export async function inspectImage(engine: Engine, name: string): Promise<ImageInfo | undefined> {
  try {
    return await call<ImageInfo>(engine, { method: "GET", path: `/images/${encodeURIComponent(name)}/json` });
  } catch (error) {
    if (error instanceof DockerError && error.status === 404) return undefined;
    throw error;
  }
}

/** Removes an image; one already gone is not an error (cleanup runs more than once). */
export async function removeImage(engine: Engine, name: string, { force = false } = {}): Promise<void> {
  try {
    await call(engine, { method: "DELETE", path: `/images/${encodeURIComponent(name)}`, query: { force } });
  } catch (error) {
    if (!(error instanceof DockerError && error.status === 404)) throw error;
  }
}

/** Image ids carrying `label` (`key` or `key=value`), for cleanup. */
export async function listImagesByLabel(engine: Engine, label: string): Promise<ImageInfo[]> {
  return call<ImageInfo[]>(engine, { method: "GET", path: "/images/json", query: { filters: JSON.stringify({ label: [label] }) } });
}

async function firstMissingImage(engine: Engine, images: string[]): Promise<string | undefined> {
  for (const image of images) if (!(await inspectImage(engine, image))) return image;
  return undefined;
}
