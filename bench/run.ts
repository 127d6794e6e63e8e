/*
 * `npm run bench [-- NAME…]`: runs bench/*.bench.ts (or the named ones), prints each figure with
 * its baseline from the same run, and writes bench/results/NAME.json. Machines here are shared
 * and noisy, so figures are medians and every one is read as a ratio to its baseline.
 */
import fs from "node:fs";
import path from "node:path";
import type { Benchmark, BenchEnv } from "./lib/harness";
import { formatFigures } from "./lib/report";

const dir = import.meta.dirname;
const wanted = process.argv.slice(2);
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => wanted.length === 0 || wanted.includes(f.replace(/\.bench\.ts$/, "")))
  .sort();
if (files.length === 0) {
  console.error(`No benchmark matches ${wanted.join(", ")}; available: ${fs.readdirSync(dir).filter((f) => f.endsWith(".bench.ts")).join(", ")}`);
  process.exit(1);
}

const env: BenchEnv = {
  postgresUrl: process.env.BENCH_DATABASE_URL,
  runs: Number(process.env.BENCH_RUNS ?? 5),
  log: (message) => process.stderr.write(`  ${message}\n`),
};

fs.mkdirSync(path.join(dir, "results"), { recursive: true });
for (const file of files) {
  const { default: benchmark } = (await import(path.join(dir, file))) as { default: Benchmark };
  console.error(`\n▶ ${benchmark.name}: ${benchmark.description}`);
  const figures = await benchmark.run(env);
  console.log(`\n${formatFigures(benchmark.name, figures)}`);
  fs.writeFileSync(
    path.join(dir, "results", `${benchmark.name}.json`),
    JSON.stringify({ benchmark: benchmark.name, at: new Date().toISOString(), runs: env.runs, figures }, null, 2),
  );
}
