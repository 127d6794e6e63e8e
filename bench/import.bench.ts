/*
 * Import throughput: 50-step ATIF files into a fresh database, embedded and PostgreSQL.
 * Floor: reading the same files and JSON.parse of their bytes, in the same run — what any
 * importer must at least do. Target (issue 3): ≥ 1,000 trajectories/s on PGlite, ≤ 3× the floor.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { openDatabase } from "@/db/client";
import { importPaths } from "@/server/imports/import-sources";
import { writeAtifCorpus } from "./lib/atif-corpus";
import type { Benchmark, Figure } from "./lib/harness";

const COUNT = Number(process.env.BENCH_IMPORT_COUNT ?? 2000);
const STEPS = 50;

async function floor(dir: string): Promise<number> {
  const started = performance.now();
  for (const name of await fs.promises.readdir(dir)) JSON.parse(await fs.promises.readFile(path.join(dir, name), "utf8"));
  return COUNT / ((performance.now() - started) / 1000);
}

const benchmark: Benchmark = {
  name: "import",
  description: `${COUNT} ATIF files × ${STEPS} steps → trajectories/s`,
  async run({ runs, postgresUrl, log }) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trajstudio-bench-import-"));
    const corpus = path.join(dir, "atif");
    const bytes = writeAtifCorpus(corpus, COUNT, STEPS);
    log(`corpus: ${COUNT} files, ${(bytes / 1024 ** 2).toFixed(0)} MiB`);
    const baseline = { name: "read + JSON.parse", samples: [] as number[] };
    const pglite: number[] = [];
    const pg: number[] = [];
    const admin = postgresUrl ? postgres(postgresUrl, { max: 1, onnotice: () => {} }) : undefined;
    try {
      for (let i = 0; i < Math.min(runs, 3); i++) {
        baseline.samples.push(await floor(corpus));
        // On disk, as users run it (an in-memory PGlite grows its files by copying, which is slower).
        const embedded = await openDatabase({ kind: "pglite", dataDir: path.join(dir, `pglite-${i}`) });
        let started = performance.now();
        const result = await importPaths(embedded.db, [corpus]);
        pglite.push(result.trajectories / ((performance.now() - started) / 1000));
        await embedded.close();
        if (result.trajectories !== COUNT || result.failed.length) throw new Error(`imported ${result.trajectories}, failed ${result.failed.length}`);
        if (admin && postgresUrl) {
          const name = `bench_import_${process.pid}_${i}`;
          await admin.unsafe(`create database ${name}`);
          const url = new URL(postgresUrl);
          url.pathname = `/${name}`;
          const server = await openDatabase({ kind: "postgres", url: url.toString() });
          started = performance.now();
          const r = await importPaths(server.db, [corpus]);
          pg.push(r.trajectories / ((performance.now() - started) / 1000));
          await server.close();
          await admin.unsafe(`drop database ${name} with (force)`);
        }
        log(`run ${i + 1}: floor ${baseline.samples[i]!.toFixed(0)}/s, PGlite ${pglite[i]!.toFixed(0)}/s${pg[i] ? `, PostgreSQL ${pg[i]!.toFixed(0)}/s` : ""}`);
      }
    } finally {
      await admin?.end();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    // Throughputs: the ratio printed is import/floor, so ≥ 1/3 meets "within 3× of the floor".
    const figures: Figure[] = [
      { name: "PGlite (data dir on disk), trajectories/s", unit: "/s", samples: pglite, baseline, target: "≥ 1000/s and ratio ≥ 0.33" },
    ];
    if (pg.length) figures.push({ name: "PostgreSQL, trajectories/s", unit: "/s", samples: pg, baseline });
    return figures;
  },
};

export default benchmark;
