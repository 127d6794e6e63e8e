import { describe, expect, it } from "vitest";
import { EngineUnreachableError } from "./docker-error";
import { engineAddress } from "./docker-host";
import { connectEngine } from "./engine";

describe("engineAddress", () => {
  it("reads DOCKER_HOST as the docker CLI does", () => {
    expect(engineAddress(undefined)).toEqual({ socketPath: "/var/run/docker.sock", label: "unix:///var/run/docker.sock" });
    expect(engineAddress("unix:///run/user/1000/docker.sock")).toMatchObject({ socketPath: "/run/user/1000/docker.sock" });
    expect(engineAddress("tcp://10.0.0.5:2376")).toMatchObject({ host: "10.0.0.5", port: 2376 });
    expect(engineAddress("tcp://docker")).toMatchObject({ host: "docker", port: 2375 });
    expect(engineAddress("tcp://[::1]:2375")).toMatchObject({ host: "::1", port: 2375 });
    expect(() => engineAddress("ssh://me@host")).toThrow(/not unix:\/\/\/path or tcp:\/\/host:port/);
  });

  it("says how to start an engine when none answers", async () => {
    const error = await connectEngine(engineAddress("unix:///nonexistent/docker.sock")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineUnreachableError);
    expect((error as Error).message).toBe(
      "No Docker engine answers at unix:///nonexistent/docker.sock (ENOENT). Start one with `bash scripts/ensure-docker.sh`, or set DOCKER_HOST to an engine that runs.",
    );
  });
});
