import http from "node:http";
import type { Duplex, Readable } from "node:stream";
import { DockerError, EngineUnreachableError } from "./docker-error";
import { type EngineAddress, engineAddress } from "./docker-host";

/*
 * A small Docker Engine API client over node:http (a unix socket or TCP, per DOCKER_HOST). The
 * calls the rollout runner needs are few and the API is plain HTTP + JSON, so this avoids
 * dockerode's callback API and its docker-modem/ssh2 dependency tree. Calls live in sibling
 * files by domain (images, containers, exec, archive); this file is connection and transport.
 */

export type Engine = { address: EngineAddress; apiVersion: string; agent: http.Agent };

/** The newest API version whose shapes this client was written against; older engines get theirs. */
const MAX_API_VERSION = "1.47";
const CONNECT_TIMEOUT_MS = 10_000;

export type Query = Record<string, string | number | boolean | undefined>;
export type EngineRequest = {
  method: "GET" | "POST" | "PUT" | "DELETE" | "HEAD";
  path: string;
  query?: Query;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is (a tar archive), with `headers["Content-Type"]`. */
  body?: Buffer | Readable;
  headers?: Record<string, string>;
  signal?: AbortSignal;
};

/** Connects to the engine at DOCKER_HOST (or the default socket), negotiating the API version. */
export async function connectEngine(address: EngineAddress = engineAddress()): Promise<Engine> {
  // Keep-alive: an exec round trip is three or four requests, and a fresh unix connection each
  // time is measurable. Idle sockets must not keep the process alive.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const probe: Engine = { address, apiVersion: "", agent };
  // A dockerd that hangs (starting up, wedged) must not hang whoever connects.
  const res = await send(probe, { method: "GET", path: "/_ping", signal: AbortSignal.timeout(CONNECT_TIMEOUT_MS) }).catch((error: Error) => {
    throw error.name === "AbortError" || error.name === "TimeoutError" ? new EngineUnreachableError(address.label, `no answer within ${CONNECT_TIMEOUT_MS / 1000} s`) : error;
  });
  res.resume();
  const serverVersion = String(res.headers["api-version"] ?? "1.41");
  return { ...probe, apiVersion: compareVersions(serverVersion, MAX_API_VERSION) < 0 ? serverVersion : MAX_API_VERSION };
}

/** Closes idle keep-alive connections (tests and the CLI call this before exiting). */
export function closeEngine(engine: Engine) {
  engine.agent.destroy();
}

export async function ping(engine: Engine): Promise<boolean> {
  const text = await call<string>(engine, { method: "GET", path: "/_ping" });
  return text === "OK";
}

export type EngineVersion = { Version: string; ApiVersion: string; MinAPIVersion?: string; Os: string; Arch: string; KernelVersion?: string };

export function version(engine: Engine): Promise<EngineVersion> {
  return call<EngineVersion>(engine, { method: "GET", path: "/version" });
}

/** Sends a request; resolves with the response once its status is below 400, else rejects with DockerError. */
export function send(engine: Engine, req: EngineRequest): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const request = http.request(requestOptions(engine, req), (res) => {
      if ((res.statusCode ?? 500) < 400) return resolve(res);
      readAll(res).then((body) => reject(errorFrom(res.statusCode ?? 500, body, req)), reject);
    });
    request.on("error", (error) => reject(transportError(engine, error)));
    writeBody(request, req);
  });
}

/** Sends a request and reads the whole answer: parsed JSON, text, or undefined when empty. */
export async function call<T = unknown>(engine: Engine, req: EngineRequest): Promise<T> {
  const res = await send(engine, req);
  const body = await readAll(res);
  if (body.length === 0) return undefined as T;
  const isJson = String(res.headers["content-type"] ?? "").includes("json");
  return (isJson ? JSON.parse(body.toString("utf8")) : body.toString("utf8")) as T;
}

/**
 * Sends a request the engine answers by hijacking the connection (exec and attach): resolves with
 * the raw socket, a duplex stream carrying stdin one way and output the other.
 */
export function upgrade(engine: Engine, req: EngineRequest): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const options = requestOptions(engine, req);
    // A hijacked socket never returns to the pool.
    options.agent = false;
    options.headers = { ...options.headers, Connection: "Upgrade", Upgrade: "tcp" };
    const request = http.request(options);
    request.on("upgrade", (_res, socket, head) => {
      if (head.length > 0) socket.unshift(head);
      resolve(socket);
    });
    request.on("response", (res) => {
      readAll(res).then((body) => reject(errorFrom(res.statusCode ?? 500, body, req)), reject);
    });
    request.on("error", (error) => reject(transportError(engine, error)));
    writeBody(request, req);
  });
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function requestOptions(engine: Engine, req: EngineRequest): http.RequestOptions {
  const prefix = engine.apiVersion && !req.path.startsWith("/_ping") ? `/v${engine.apiVersion}` : "";
  const headers: Record<string, string> = { ...req.headers };
  if (req.json !== undefined) headers["Content-Type"] = "application/json";
  const target = "socketPath" in engine.address ? { socketPath: engine.address.socketPath } : { host: engine.address.host, port: engine.address.port };
  return { ...target, method: req.method, path: prefix + req.path + queryString(req.query), headers, agent: engine.agent, signal: req.signal };
}

function writeBody(request: http.ClientRequest, req: EngineRequest) {
  if (req.json !== undefined) request.end(JSON.stringify(req.json));
  else if (Buffer.isBuffer(req.body)) request.end(req.body);
  else if (req.body) req.body.on("error", (e) => request.destroy(e)).pipe(request);
  else request.end();
}

function queryString(query: Query | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : "";
}

function errorFrom(status: number, body: Buffer, req: EngineRequest): DockerError {
  const text = body.toString("utf8").trim();
  let message = text || `HTTP ${status}`;
  try {
    message = (JSON.parse(text) as { message?: string }).message ?? message;
  } catch {
    // Not JSON (a proxy's page, plain text): keep the text.
  }
  return new DockerError(message, status, `${req.method} ${req.path}`);
}

const UNREACHABLE = new Set(["ECONNREFUSED", "ENOENT", "EACCES", "EHOSTUNREACH", "ENOTFOUND", "ETIMEDOUT"]);

function transportError(engine: Engine, error: Error & { code?: string }): Error {
  if (error.name === "AbortError") return error;
  if (error.code && UNREACHABLE.has(error.code)) return new EngineUnreachableError(engine.address.label, error.code);
  return error;
}

function compareVersions(a: string, b: string): number {
  const [a1 = 0, a2 = 0] = a.split(".").map(Number);
  const [b1 = 0, b2 = 0] = b.split(".").map(Number);
  return a1 - b1 || a2 - b2;
}
