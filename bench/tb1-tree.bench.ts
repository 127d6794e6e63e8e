/*
 * A large tree of Terminal-Bench 1 runs: the shared sample trials replicated under new trial
 * names up to BENCH_TB1_BYTES (default 2 GiB), imported into a fresh embedded database.
 * Targets (issue 3): under 2 minutes, resident memory under 1 GB. Baseline: reading every file
 * of the tree once, in the same run.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "@/db/client";
import { importPaths } from "@/server/imports/import-sources";
import type { Benchmark } from "./lib/harness";

const TARGET_BYTES = Number(process.env.BENCH_TB1_BYTES ?? 2 * 1024 ** 3);
const SAMPLES = path.resolve(import.meta.dirname, "../../shared/samples/tb1-runs");

function trialDirs(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    const names = fs.readdirSync(dir);
    if (names.includes("results.json") && names.includes("sessions")) found.push(dir);
    else for (const n of names) if (fs.statSync(path.join(dir, n)).isDirectory()) walk(path.join(dir, n));
  };
  walk(root);
  return found;
}

function dirBytes(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((n, d) => n + (d.isDirectory() ? dirBytes(path.join(dir, d.name)) : fs.statSync(path.join(dir, d.name)).size), 0);
}

/** Copies trials under new names (the run directory keeps the agent's name) until `target` bytes. */
function buildTree(out: string, target: number): { bytes: number; trials: number } {
  const trials = trialDirs(SAMPLES);
  let bytes = 0;
  let n = 0;
  while (bytes < target) {
    const source = trials[n % trials.length]!;
    const rel = path.relative(SAMPLES, source);
    const runDir = rel.split(path.sep)[0]!;
    // A unique trial name also makes results.json unique, so no copy deduplicates.
    const dest = path.join(out, runDir, `copy-${Math.floor(n / trials.length)}`, `${path.basename(source)}.${n}`);
    fs.cpSync(source, dest, { recursive: true });
    const results = JSON.parse(fs.readFileSync(path.join(dest, "results.json"), "utf8"));
    fs.writeFileSync(path.join(dest, "results.json"), JSON.stringify({ ...results, trial_name: `${results.trial_name}.${n}`, uuid: `copy-${n}` }));
    bytes += dirBytes(dest);
    n++;
  }
  return { bytes, trials: n };
}

async function readAll(dir: string): Promise<number> {
  const started = performance.now();
  const walk = async (d: string): Promise<void> => {
    for (const e of await fs.promises.readdir(d, { withFileTypes: true })) {
      if (e.isDirectory()) await walk(path.join(d, e.name));
      else await fs.promises.readFile(path.join(d, e.name));
    }
  };
  await walk(dir);
  return (performance.now() - started) / 1000;
}

const benchmark: Benchmark = {
  name: "tb1-tree",
  description: `Terminal-Bench 1 run tree of ${(TARGET_BYTES / 1024 ** 3).toFixed(2)} GiB → seconds and peak RSS`,
  async run({ log }) {
    if (!fs.existsSync(SAMPLES)) throw new Error(`${SAMPLES} is missing: this benchmark replicates the shared samples`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trajstudio-bench-tb1-"));
    try {
      const { bytes, trials } = buildTree(path.join(dir, "runs"), TARGET_BYTES);
      log(`tree: ${trials} trials, ${(bytes / 1024 ** 3).toFixed(2)} GiB`);
      const readSeconds = await readAll(path.join(dir, "runs"));
      const database = await openDatabase({ kind: "pglite", dataDir: path.join(dir, "data") });
      let peak = process.memoryUsage().rss;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
      const started = performance.now();
      const result = await importPaths(database.db, [path.join(dir, "runs")]);
      const seconds = (performance.now() - started) / 1000;
      clearInterval(sampler);
      await database.close();
      log(`imported ${result.trajectories} trajectories (${result.failed.length} failed) in ${seconds.toFixed(1)} s, peak RSS ${(peak / 1024 ** 2).toFixed(0)} MiB`);
      return [
        { name: "import time", unit: "s", samples: [seconds], baseline: { name: "read every file", samples: [readSeconds] }, target: "< 120 s" },
        { name: "peak resident memory", unit: "MiB", samples: [peak / 1024 ** 2], target: "< 1024 MiB" },
      ];
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default benchmark;
