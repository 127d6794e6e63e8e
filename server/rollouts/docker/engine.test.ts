import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { copyDirectoryIn, readContainerFile } from "./archive";
import {
  JOB_LABEL,
  type ContainerSpec,
  createContainer,
  inspectContainer,
  killContainer,
  listContainers,
  removeContainer,
  startContainer,
  waitContainer,
} from "./containers";
import { engineForTests } from "../../testing/docker-engine";
import { BaseImageMissingError } from "./docker-error";
import { engineAddress } from "./docker-host";
import { type Engine, call, closeEngine, connectEngine, ping, version } from "./engine";
import { openShell } from "./exec";
import { ExecTimeoutError, runExec } from "./exec-run";
import { BuildError, buildImage, inspectImage, listImagesByLabel, removeImage } from "./images";

/*
 * Against the real Docker engine (DOCKER_HOST or the default socket). Skipped only when no
 * engine answers; any other failure fails. Everything made here carries this run's job label
 * and is removed at the end.
 */
const EXAMPLES = path.resolve(import.meta.dirname, "../../tasks/examples");
const EXAMPLE_TASKS = fs.readdirSync(EXAMPLES).sort();
const RUN = `test-${process.pid}-${Date.now().toString(36)}`;
const LABEL = `${JOB_LABEL}=${RUN}`;

const engine: Engine | undefined = await engineForTests("Docker engine tests");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "engine-test-"));

afterAll(async () => {
  fs.rmSync(scratch, { recursive: true, force: true });
  if (!engine) return;
  for (const c of await listContainers(engine, LABEL)) await removeContainer(engine, c.Id);
  for (const image of await listImagesByLabel(engine, LABEL)) await removeImage(engine, image.Id, { force: true });
  closeEngine(engine);
});

const imageOf = (task: string) => `trajstudio-test/${task}:${RUN}`;

async function taskContainer(image: string, spec: Partial<ContainerSpec> = {}) {
  const id = await createContainer(engine!, { image, cmd: ["sleep", "infinity"], labels: { [JOB_LABEL]: RUN }, cpus: 1, memoryMb: 512, ...spec });
  await startContainer(engine!, id);
  return id;
}

/** Copies the task's tests in, runs them as Harbor does, and reads the reward they wrote. */
async function verify(id: string, task: string): Promise<string | undefined> {
  await copyDirectoryIn(engine!, id, path.join(EXAMPLES, task, "tests"), "/tests");
  await runExec(engine!, id, ["mkdir", "-p", "/logs/verifier"]);
  const run = await runExec(engine!, id, ["bash", "/tests/test.sh"], { timeoutMs: 60_000 });
  expect(run.exitCode, run.stdout + run.stderr).toBe(0);
  return (await readContainerFile(engine!, id, "/logs/verifier/reward.txt"))?.toString("utf8").trim();
}

/** Reads the shell's output until `pattern` shows up. */
function readUntil(stream: NodeJS.ReadableStream, pattern: RegExp, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error(`no ${pattern} in shell output: ${JSON.stringify(seen)}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      seen += chunk.toString("utf8");
      if (pattern.test(seen)) {
        clearTimeout(timer);
        stream.off("data", onData);
        resolve(seen);
      }
    };
    stream.on("data", onData);
  });
}

describe.skipIf(!engine)("Docker engine (real)", () => {
  it("answers ping and reports its version", async () => {
    expect(await ping(engine!)).toBe(true);
    const v = await version(engine!);
    expect(v.Os).toBe("linux");
    expect(v.ApiVersion).toMatch(/^1\.\d+$/);
  });

  it.skipIf(!("socketPath" in (engine?.address ?? {})))("works through DOCKER_HOST=tcp:// too, exec streams included", async () => {
    // A TCP port forwarding to the engine's socket stands in for a remote engine.
    const socketPath = (engine!.address as { socketPath: string }).socketPath;
    const proxy = net.createServer((client) => {
      const upstream = net.connect(socketPath);
      client.pipe(upstream).pipe(client);
      client.on("error", () => upstream.destroy());
      upstream.on("error", () => client.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    const remote = await connectEngine(engineAddress(`tcp://127.0.0.1:${(proxy.address() as net.AddressInfo).port}`));
    try {
      expect(await ping(remote)).toBe(true);
      const id = await createContainer(remote, { image: "debian:bookworm-slim", cmd: ["sleep", "infinity"], labels: { [JOB_LABEL]: RUN } });
      await startContainer(remote, id);
      expect(await runExec(remote, id, ["sh", "-c", "echo out; echo err >&2; exit 4"])).toEqual({ exitCode: 4, stdout: "out\n", stderr: "err\n" });
      await removeContainer(remote, id);
    } finally {
      closeEngine(remote);
      proxy.close();
    }
  });

  it("builds each example task's image, streaming the build output", { timeout: 300_000 }, async () => {
    for (const task of EXAMPLE_TASKS) {
      const lines: string[] = [];
      const built = await buildImage(engine!, {
        contextDir: path.join(EXAMPLES, task, "environment"),
        tag: imageOf(task),
        labels: { [JOB_LABEL]: RUN },
        onOutput: (line) => lines.push(line),
      });
      expect(built.imageId).toMatch(/^sha256:/);
      expect(lines.join("\n")).toContain("FROM debian:bookworm-slim");
      expect((await inspectImage(engine!, imageOf(task)))?.Id).toBe(built.imageId);
    }
  });

  it("fails a build FROM a missing image with an error naming that image", async () => {
    const missing = `trajstudio-test/no-such-base:${RUN}`;
    const context = fs.mkdtempSync(path.join(scratch, "ctx-"));
    fs.writeFileSync(path.join(context, "Dockerfile"), `FROM ${missing}\nRUN true\n`);
    const error = await buildImage(engine!, { contextDir: context, tag: `trajstudio-test/never:${RUN}` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BaseImageMissingError);
    expect((error as BaseImageMissingError).image).toBe(missing);
    expect((error as Error).message).toContain(`Base image ${missing} is not in the local Docker engine`);
  });

  it("stops a build that runs past its deadline, leaving no build container", async () => {
    const context = fs.mkdtempSync(path.join(scratch, "ctx-"));
    fs.writeFileSync(path.join(context, "Dockerfile"), `FROM debian:bookworm-slim\nRUN echo ${RUN} && sleep 60\n`);
    const started = Date.now();
    const error = await buildImage(engine!, { contextDir: context, tag: `trajstudio-test/slow:${RUN}`, signal: AbortSignal.timeout(1500) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BuildError);
    expect((error as Error).message).toBe(`Building trajstudio-test/slow:${RUN} stopped before it finished: it timed out.`);
    expect(Date.now() - started).toBeLessThan(10_000);
    const buildContainers = async () =>
      (await call<{ Command: string }[]>(engine!, { method: "GET", path: "/containers/json", query: { all: true } })).filter((c) => c.Command.includes(RUN));
    await expect.poll(buildContainers, { timeout: 10_000, interval: 250 }).toEqual([]);
  });

  it("kills a running container and reports its exit status", async () => {
    const id = await taskContainer(imageOf("hello-file"));
    const exited = waitContainer(engine!, id);
    await killContainer(engine!, id);
    expect(await exited).toBe(137);
    await killContainer(engine!, id); // not running any more: no error
    await removeContainer(engine!, id);
    await removeContainer(engine!, id); // already gone: no error
  });

  it("gives up on a command that runs past its timeout", async () => {
    const id = await taskContainer(imageOf("hello-file"));
    const error = await runExec(engine!, id, ["sh", "-c", "echo started; sleep 30"], { timeoutMs: 500 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExecTimeoutError);
    expect((error as ExecTimeoutError).output.stdout).toBe("started\n");
    await removeContainer(engine!, id);
  });

  it("starts a container without network, with the task's limits, unprivileged", async () => {
    const id = await taskContainer(imageOf("hello-file"), { cpus: 0.5, memoryMb: 256, pidsLimit: 128 });
    const info = await inspectContainer(engine!, id);
    expect(info.State.Running).toBe(true);
    expect(info.Config.Labels[JOB_LABEL]).toBe(RUN);
    expect(info.HostConfig).toMatchObject({ NetworkMode: "none", Memory: 256 * 1024 * 1024, NanoCpus: 0.5e9, PidsLimit: 128, Privileged: false, Binds: [] });
    expect(info.HostConfig.CapDrop).toContain("NET_RAW");
    expect(Object.keys(info.NetworkSettings.Networks)).toEqual(["none"]);
    // Seen from inside: only loopback, and the memory limit in the cgroup (v2 or v1).
    const net = await runExec(engine!, id, ["ls", "/sys/class/net"]);
    expect(net.stdout.trim()).toBe("lo");
    const memory = await runExec(engine!, id, ["sh", "-c", "cat /sys/fs/cgroup/memory.max 2>/dev/null || cat /sys/fs/cgroup/memory/memory.limit_in_bytes"]);
    expect(memory.stdout.trim()).toBe(String(256 * 1024 * 1024));
    await removeContainer(engine!, id);
  });

  it("refuses to mount the Docker socket", async () => {
    await expect(taskContainer(imageOf("hello-file"), { binds: ["/var/run/docker.sock:/var/run/docker.sock"] })).rejects.toThrow(/Docker socket/);
  });

  it("drives an interactive shell in a PTY: keystrokes in, output out, resize, exit", async () => {
    const id = await taskContainer(imageOf("hello-file"));
    const shell = await openShell(engine!, id, { cols: 120, rows: 40 });
    shell.stream.write("echo hi\n");
    // The TTY echoes the keystrokes; the command's own output is "hi" alone on a line (after
    // bash's bracketed-paste escape and a carriage return).
    expect(await readUntil(shell.stream, /[\r\n]hi\r\n/)).toContain("echo hi");
    await shell.resize({ cols: 100, rows: 30 });
    shell.stream.write("stty size\n");
    await readUntil(shell.stream, /[\r\n]30 100\r\n/);
    shell.stream.write("exit 3\n");
    expect(await shell.exited).toBe(3);
    await removeContainer(engine!, id);
  });

  it("copies tests in, runs them, and reads the reward file back", async () => {
    const id = await taskContainer(imageOf("hello-file"));
    await runExec(engine!, id, ["bash", "-c", "printf 'Hello, Trajectory Studio!\\n' > /app/hello.txt"]);
    expect(await verify(id, "hello-file")).toBe("1");
    expect((await runExec(engine!, id, ["stat", "-c", "%a", "/tests/test.sh"])).stdout.trim()).toBe("755");
    expect(await readContainerFile(engine!, id, "/logs/verifier/no-such-file")).toBeUndefined();
    // /tmp exists: copying into it must not reset its sticky, world-writable mode.
    await copyDirectoryIn(engine!, id, path.join(EXAMPLES, "hello-file", "tests"), "/tmp/t");
    expect((await runExec(engine!, id, ["stat", "-c", "%a", "/tmp"])).stdout.trim()).toBe("1777");
    await removeContainer(engine!, id);
  });

  it.each(EXAMPLE_TASKS)("%s: the oracle earns reward 1 and doing nothing earns 0", { timeout: 60_000 }, async (task) => {
    const oracle = await taskContainer(imageOf(task));
    await copyDirectoryIn(engine!, oracle, path.join(EXAMPLES, task, "solution"), "/solution");
    const solved = await runExec(engine!, oracle, ["bash", "/solution/solve.sh"], { timeoutMs: 60_000 });
    expect(solved.exitCode, solved.stdout + solved.stderr).toBe(0);
    expect(await verify(oracle, task)).toBe("1");

    const nop = await taskContainer(imageOf(task));
    expect(await verify(nop, task)).toBe("0");
    await Promise.all([removeContainer(engine!, oracle), removeContainer(engine!, nop)]);
  });

  it("leaves no container behind: removing by label empties the list", async () => {
    await taskContainer(imageOf("hello-file"));
    expect((await listContainers(engine!, LABEL)).length).toBeGreaterThan(0);
    for (const c of await listContainers(engine!, LABEL)) await removeContainer(engine!, c.Id);
    expect(await listContainers(engine!, LABEL)).toEqual([]);
  });
});
