/** Where the engine listens, from DOCKER_HOST as the docker CLI reads it. */
export type EngineAddress = { socketPath: string; label: string } | { host: string; port: number; label: string };

const DEFAULT_SOCKET = "/var/run/docker.sock";

/**
 * `unix:///path` or `tcp://host:port` (also `http://`); unset means the default socket.
 * TLS (`DOCKER_TLS_VERIFY`, https) is not supported: it throws rather than talking plain HTTP to
 * an engine that expects TLS.
 */
export function engineAddress(dockerHost = process.env.DOCKER_HOST): EngineAddress {
  if (!dockerHost) return { socketPath: DEFAULT_SOCKET, label: `unix://${DEFAULT_SOCKET}` };
  if (dockerHost.startsWith("unix://")) {
    const socketPath = dockerHost.slice("unix://".length) || DEFAULT_SOCKET;
    return { socketPath, label: `unix://${socketPath}` };
  }
  const match = /^(?:tcp|http):\/\/(\[[^\]]+\]|[^:/]+)(?::(\d+))?\/?$/.exec(dockerHost);
  if (!match) throw new Error(`DOCKER_HOST=${dockerHost} is not unix:///path or tcp://host:port.`);
  if (process.env.DOCKER_TLS_VERIFY) throw new Error("DOCKER_TLS_VERIFY is set, but TLS connections to the engine are not supported.");
  const host = match[1]!.replace(/^\[|\]$/g, "");
  const port = Number(match[2] ?? 2375);
  return { host, port, label: `tcp://${match[1]}:${port}` };
}
