import { DockerError } from "./docker-error";
import { type Engine, call } from "./engine";

/** The label every container and image this project makes carries, with the rollout job's id. */
export const JOB_LABEL = "org.trajstudio.job";

/*
 * Capabilities dropped from Docker's default set: raw sockets (packet spoofing on a shared
 * network; `ping` is the casualty), device nodes and audit writes. Kept: CHOWN, SETUID, SETFCAP,
 * DAC_OVERRIDE, SYS_CHROOT…, which `apt-get install`, `su` and build tools use, so task images
 * behave as they do under plain `docker run`.
 */
const DROPPED_CAPABILITIES = ["NET_RAW", "MKNOD", "AUDIT_WRITE"];

export type ContainerSpec = {
  image: string;
  name?: string;
  /** The command that keeps it alive while the agent works, e.g. `["sleep", "infinity"]`. */
  cmd?: string[];
  /** Replaces the image's entrypoint; `[]` clears it. */
  entrypoint?: string[];
  workingDir?: string;
  env?: Record<string, string>;
  labels?: Record<string, string>;
  /** False (the default) gives the container no network at all, not even loopback to the host. */
  allowInternet?: boolean;
  cpus?: number;
  memoryMb?: number;
  pidsLimit?: number;
  /** `host:container[:ro]` bind mounts; the Docker socket is refused. */
  binds?: string[];
};

/** Creates (does not start) a container with the task's limits; returns its id. */
export async function createContainer(engine: Engine, spec: ContainerSpec): Promise<string> {
  for (const bind of spec.binds ?? []) {
    // An agent holding the engine's socket owns the host: never hand it in, whatever asks.
    if (/docker\.sock/.test(bind.split(":")[0] ?? "")) throw new DockerError(`Refusing to mount the Docker socket into a container (${bind}).`, 400);
  }
  const memory = spec.memoryMb ? spec.memoryMb * 1024 * 1024 : undefined;
  const created = await call<{ Id: string; Warnings?: string[] }>(engine, {
    method: "POST",
    path: "/containers/create",
    query: { name: spec.name },
    json: {
      Image: spec.image,
      Cmd: spec.cmd,
      Entrypoint: spec.entrypoint,
      WorkingDir: spec.workingDir,
      Env: Object.entries(spec.env ?? {}).map(([k, v]) => `${k}=${v}`),
      Labels: spec.labels ?? {},
      Tty: false,
      OpenStdin: false,
      HostConfig: {
        NetworkMode: spec.allowInternet ? "bridge" : "none",
        Memory: memory,
        // Equal to Memory: no swap on top, so the limit is the limit.
        MemorySwap: memory,
        NanoCpus: spec.cpus ? Math.round(spec.cpus * 1e9) : undefined,
        PidsLimit: spec.pidsLimit ?? 1024,
        Privileged: false,
        CapDrop: DROPPED_CAPABILITIES,
        Binds: spec.binds ?? [],
        // The engine's init reaps the zombies an agent's background jobs leave.
        Init: true,
      },
    },
  });
  return created.Id;
}

export async function startContainer(engine: Engine, id: string): Promise<void> {
  await call(engine, { method: "POST", path: `/containers/${id}/start` });
}

/** Waits until the container stops; resolves with its exit status. */
export async function waitContainer(engine: Engine, id: string, signal?: AbortSignal): Promise<number> {
  const result = await call<{ StatusCode: number }>(engine, { method: "POST", path: `/containers/${id}/wait`, query: { condition: "not-running" }, signal });
  return result.StatusCode;
}

/** Sends a signal (SIGKILL by default); a container that is not running is left as it is. */
export async function killContainer(engine: Engine, id: string, signal = "SIGKILL"): Promise<void> {
  try {
    await call(engine, { method: "POST", path: `/containers/${id}/kill`, query: { signal } });
  } catch (error) {
    if (!(error instanceof DockerError && error.status === 409)) throw error;
  }
}

/** Removes a container, running or not, with its anonymous volumes; one already gone is fine. */
export async function removeContainer(engine: Engine, id: string): Promise<void> {
  try {
    await call(engine, { method: "DELETE", path: `/containers/${id}`, query: { force: true, v: true } });
  } catch (error) {
    // 409: a removal already in progress (two cleanups racing) will finish without us.
    if (!(error instanceof DockerError && (error.status === 404 || error.status === 409))) throw error;
  }
}

export type ContainerSummary = { Id: string; Names: string[]; Image: string; State: string; Labels: Record<string, string> };

/** Containers (running or not) carrying `label`: `key` or `key=value`. */
export function listContainers(engine: Engine, label: string): Promise<ContainerSummary[]> {
  return call<ContainerSummary[]>(engine, { method: "GET", path: "/containers/json", query: { all: true, filters: JSON.stringify({ label: [label] }) } });
}

export type ContainerInfo = {
  Id: string;
  State: { Status: string; Running: boolean; ExitCode: number; OOMKilled: boolean };
  Config: { Labels: Record<string, string> };
  HostConfig: { NetworkMode: string; Memory: number; MemorySwap: number; NanoCpus: number; PidsLimit: number; Privileged: boolean; CapDrop: string[] | null; Binds: string[] | null };
  NetworkSettings: { Networks: Record<string, unknown> };
};

export function inspectContainer(engine: Engine, id: string): Promise<ContainerInfo> {
  return call<ContainerInfo>(engine, { method: "GET", path: `/containers/${id}/json` });
}
