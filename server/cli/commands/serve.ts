import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import type { Command } from "commander";
import { packageRoot } from "@/db/config";
import { closeDatabase, setDatabase } from "@/db/instance";
import { ServiceError } from "../../errors";
import type { CommandContext } from "../context";
import { parsePort } from "../parse";

export type ServeOptions = { port: number; host: string };

export function registerServe(program: Command, run: (action: (ctx: CommandContext) => Promise<number | void>) => Promise<void>) {
  program
    .command("serve")
    .description("start the web app (applies pending database migrations first)")
    .option("-p, --port <port>", "port to listen on", parsePort, 3000)
    .option("-H, --host <host>", "address to listen on", "127.0.0.1")
    .action((options: ServeOptions) => run((ctx) => serve(ctx, options)));
}

/** Serves the production build until SIGINT/SIGTERM, then closes the database cleanly. */
export async function serve(ctx: CommandContext, { port, host }: ServeOptions): Promise<number> {
  const root = packageRoot();
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
    throw new ServiceError(`No production build in ${root}/.next: run \`npm run build\` first (\`npm start\` builds when needed).`);
  }
  // Next.js reads NODE_ENV when it loads; the app is always served as a production build here.
  (process.env as Record<string, string>).NODE_ENV = "production";

  // Opening the database (PGlite boots a WASM Postgres) and preparing Next.js take about a second
  // each and need nothing from each other: do both at once.
  const [opened, prepared] = await Promise.allSettled([ctx.openDatabase(), prepareNext(root, host, port)]);
  if (opened.status === "rejected") {
    if (prepared.status === "fulfilled") await prepared.value.close();
    throw opened.reason;
  }
  const database = opened.value;
  setDatabase(database);
  try {
    if (prepared.status === "rejected") throw prepared.reason;
    const app = prepared.value;
    const server = http.createServer(app.getRequestHandler());
    await listen(server, port, host);
    const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
    ctx.output.result({ url, db: database.kind, location: database.location }, () =>
      `Trajectory Studio is running at ${url}\n  database: ${database.kind === "pglite" ? "PGlite (embedded)" : "PostgreSQL"} at ${database.location}\n  press Ctrl+C to stop`,
    );
    await untilSignal();
    ctx.output.info("Stopping…");
    await new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await app.close();
    return 0;
  } finally {
    await closeDatabase();
  }
}

async function prepareNext(root: string, host: string, port: number) {
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: root, hostname: host, port });
  await app.prepare();
  return app;
}

function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") reject(new ServiceError(`Port ${port} on ${host} is already in use: pick another with --port.`));
      else if (error.code === "EADDRNOTAVAIL") reject(new ServiceError(`Cannot listen on ${host}: no such address on this machine.`));
      else reject(error);
    });
    server.listen(port, host, () => resolve());
  });
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve(signal);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
