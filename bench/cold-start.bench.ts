/*
 * App cold start: from spawning `trajstudio serve` to the first healthy /api/health response,
 * on a new embedded database (migrations included), on an existing one, and on a new PostgreSQL
 * database. Baseline: a bare Node.js HTTP server, spawned and polled the same way.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { Benchmark, Figure } from "./lib/harness";

const root = path.resolve(import.meta.dirname, "..");
const PORT = 3471;

/** Spawns `args`, polls `url` until a 200, returns the elapsed ms, then stops the process. */
async function timeToHealthy(args: string[], url: string, env: Record<string, string | undefined> = {}): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}): ${stderr}`);
      const ok = await fetch(url).then((r) => r.ok, () => false);
      if (ok) return performance.now() - started;
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    child.kill("SIGTERM");
    await exited;
  }
}

const serveArgs = ["bin/trajstudio.js", "serve", "--port", String(PORT)];
const health = `http://127.0.0.1:${PORT}/api/health`;

const benchmark: Benchmark = {
  name: "cold-start",
  description: "spawn `trajstudio serve` → first healthy /api/health",
  async run({ runs, postgresUrl, log }) {
    if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) throw new Error("No production build: run `npm run build` first.");
    const baseline = { name: "bare node http", samples: [] as number[] };
    const fresh: number[] = [];
    const existing: number[] = [];
    const pg: number[] = [];
    const bareServer = `require("http").createServer((q, s) => s.end("{}")).listen(${PORT}, "127.0.0.1")`;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "trajstudio-bench-"));
    const admin = postgresUrl ? postgres(postgresUrl, { max: 1, onnotice: () => {} }) : undefined;
    try {
      for (let i = 0; i < runs; i++) {
        // Interleaved, so drift in machine load hits every variant alike.
        baseline.samples.push(await timeToHealthy(["-e", bareServer], health));
        const dir = path.join(dataDir, `fresh-${i}`);
        fresh.push(await timeToHealthy([...serveArgs, "--data", dir], health));
        existing.push(await timeToHealthy([...serveArgs, "--data", path.join(dataDir, "fresh-0")], health));
        if (admin && postgresUrl) {
          const name = `bench_cold_${process.pid}_${i}`;
          await admin.unsafe(`create database ${name}`);
          const url = new URL(postgresUrl);
          url.pathname = `/${name}`;
          pg.push(await timeToHealthy(serveArgs, health, { DATABASE_URL: url.toString() }));
          await admin.unsafe(`drop database ${name} with (force)`);
        }
        log(`run ${i + 1}/${runs}: bare ${baseline.samples[i]!.toFixed(0)} ms, new PGlite ${fresh[i]!.toFixed(0)} ms, existing PGlite ${existing[i]!.toFixed(0)} ms${pg[i] ? `, new PostgreSQL ${pg[i]!.toFixed(0)} ms` : ""}`);
      }
    } finally {
      await admin?.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    const figures: Figure[] = [
      { name: "PGlite, new data dir (initdb + migrate)", unit: "ms", samples: fresh, baseline },
      { name: "PGlite, existing data dir", unit: "ms", samples: existing, baseline },
    ];
    if (pg.length) figures.push({ name: "PostgreSQL, new database (migrate)", unit: "ms", samples: pg, baseline });
    else log("BENCH_DATABASE_URL not set: PostgreSQL variant skipped (npm run bench starts a server).");
    return figures;
  },
};

export default benchmark;
