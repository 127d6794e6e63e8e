/*
 * Exporting a frozen version to OpenAI JSONL from the embedded database → trajectories/s, against
 * the floor: converting and serializing the same trajectories, already in memory, with
 * JSON.stringify in the same run (target: ≥ 5,000/s and within 3× of the floor). Then the peak
 * resident memory of the export at 10,000 and at 200,000 trajectories (target: flat, < 300 MB).
 * Data is generated in SQL (10 steps a trajectory, realistic text) and frozen in one transaction.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { type Database, openDatabase, rowsOf } from "@/db/client";
import { exportDataset } from "@/server/exports/export-dataset";
import type { ExportTrajectory } from "@/server/exports/export-trajectory";
import { toOpenAi } from "@/server/exports/formats/openai";
import { versionMembers } from "@/server/exports/load-members";
import type { Benchmark, Figure } from "./lib/harness";

const SMALL = Number(process.env.BENCH_EXPORT_TRAJECTORIES ?? 10_000);
const LARGE = Number(process.env.BENCH_EXPORT_LARGE ?? 200_000);
const STEPS = 10;

/** `count` trajectories with steps, a dataset and a frozen version holding them all. */
async function populate(database: Database, name: string, count: number, log: (m: string) => void): Promise<void> {
  const db = database.db;
  const started = performance.now();
  await db.execute(sql`insert into agents (name, model) select 'teacher-' || g, 'model-' || g from generate_series(1, 8) g on conflict do nothing`);
  await db.execute(sql`insert into tasks (name, instruction) select 'task-' || g, 'Fix the failing service ' || g || ' and make the tests pass.' from generate_series(1, 2000) g on conflict do nothing`);
  const base = Number(rowsOf<{ m: number }>(await db.execute(sql`select coalesce(max(id), 0) as m from trajectories`))[0]?.m ?? 0);
  for (let start = 0; start < count; start += 10_000) {
    const n = Math.min(10_000, count - start);
    await db.execute(sql`
      insert into trajectories (task_id, agent_id, source_format, source_hash, resolved, step_count, egs, egs_version)
      select 1 + (g % 2000), 1 + (g % 8), 'atif', md5(${name}::text || '-' || (${start}::int + g)), true, ${STEPS}::int, random(), 'egs-v1'
      from generate_series(1, ${n}::int) g`);
    await db.execute(sql`
      insert into steps (trajectory_id, index, source, thought, tool_name, tool_args, action, keystrokes, observation, exit_code, tag, auto_tag)
      select t.id, s, case when s = 0 then 'user' else 'agent' end,
        case when s = 0 then null else 'Analysis: the last output shows the state. Plan: run the next command and check it.' end,
        case when s = 0 then null else 'bash_command' end,
        case when s = 0 then null else json_build_object('keystrokes', 'cat src/module_' || s || '.py\n', 'duration', 0.5)::jsonb end,
        case when s = 0 then null else 'cat src/module_' || s || '.py' end,
        case when s = 0 then null else 'cat src/module_' || s || '.py\n' end,
        case when s = 0 then 'Fix the failing service and make the tests pass.' else repeat('def handler(request):\n    return parse(request.body)\n', 6) end,
        case when s = 0 then null else 0 end, 'inspect', 'inspect'
      from trajectories t, generate_series(0, ${STEPS - 1}::int) s
      where t.id > (select coalesce(max(trajectory_id), 0) from steps)`);
    log(`  ${start + n} trajectories (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
  await db.transaction(async (tx) => {
    await tx.execute(sql`insert into datasets (name) values (${name})`);
    await tx.execute(sql`
      insert into dataset_versions (dataset_id, version, filter, options, member_count, content_hash, stats)
      select id, 1, '', '{}'::jsonb, ${count}::int, md5(${name}::text), ${JSON.stringify({ trajectories: count, splits: { train: count, validation: 0 } })}::jsonb from datasets where name = ${name}`);
    await tx.execute(sql`
      insert into dataset_version_members (version_id, trajectory_id, split, position, snapshot)
      select v.id, t.id, 'train', row_number() over (order by t.source_hash), '{"tags":"iiiiiiiiii","tor":null,"var":null,"closedLoop":null,"egs":null,"egsVersion":"egs-v1"}'::jsonb
      from dataset_versions v join datasets d on d.id = v.dataset_id, trajectories t
      where d.name = ${name} and t.id > ${base}::bigint`);
  });
  await db.execute(sql`analyze`);
}

/**
 * Peak resident set size while `work` runs, sampled every 50 ms, and the peak of the JavaScript
 * heap in use (MB). RSS includes the embedded database's WASM memory (its cache grows with the
 * data, export or not); the heap is what the export itself holds.
 */
async function peakMemory<T>(work: () => Promise<T>): Promise<{ result: T; rssMb: number; heapMb: number }> {
  let rss = 0;
  let heap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  };
  sample();
  const timer = setInterval(sample, 50);
  try {
    const result = await work();
    sample();
    return { result, rssMb: rss / 2 ** 20, heapMb: heap / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

const benchmark: Benchmark = {
  name: "export",
  description: `frozen versions → OpenAI JSONL: trajectories/s against JSON.stringify of the same records in memory; peak RSS at ${SMALL.toLocaleString("en")} and ${LARGE.toLocaleString("en")}`,
  async run({ runs, log }) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trajstudio-bench-export-"));
    const database = await openDatabase({ kind: "pglite", dataDir: path.join(dir, "db") });
    const figures: Figure[] = [];
    try {
      log(`generating ${SMALL} trajectories`);
      await populate(database, "small", SMALL, log);
      const versionId = Number(rowsOf<{ id: number }>(await database.db.execute(sql`select v.id from dataset_versions v join datasets d on d.id = v.dataset_id where d.name = 'small'`))[0]?.id);
      // The floor: the same trajectories already in memory, converted and serialized.
      const inMemory: ExportTrajectory[] = [];
      for await (const batch of versionMembers(database.db, versionId, "train")) inMemory.push(...batch);
      const exportRates: number[] = [];
      const floorRates: number[] = [];
      const loadRates: number[] = [];
      const plainRates: number[] = [];
      for (let r = 0; r < Math.min(runs, 3); r++) {
        let started = performance.now();
        let bytes = 0;
        for (const t of inMemory) {
          const record = toOpenAi(t);
          if (record.ok) bytes += JSON.stringify(record.record).length + 1;
        }
        floorRates.push(inMemory.length / ((performance.now() - started) / 1000));
        started = performance.now();
        const summary = await exportDataset(database.db, { dataset: "small", format: "openai", out: path.join(dir, `small-${r}`) });
        exportRates.push(summary.trajectories / ((performance.now() - started) / 1000));
        // Where the time goes: reading the members alone, and the export without redaction.
        started = performance.now();
        let loaded = 0;
        for await (const batch of versionMembers(database.db, versionId, "train")) loaded += batch.length;
        loadRates.push(loaded / ((performance.now() - started) / 1000));
        started = performance.now();
        await exportDataset(database.db, { dataset: "small", format: "openai", out: path.join(dir, `plain-${r}`), options: { redact: false } });
        plainRates.push(summary.trajectories / ((performance.now() - started) / 1000));
        log(`run ${r + 1}: export ${exportRates.at(-1)!.toFixed(0)}/s (unredacted ${plainRates.at(-1)!.toFixed(0)}/s, reading alone ${loadRates.at(-1)!.toFixed(0)}/s), floor ${floorRates.at(-1)!.toFixed(0)}/s (${(bytes / 2 ** 20).toFixed(0)} MB of JSONL)`);
        fs.rmSync(path.join(dir, `small-${r}`), { recursive: true, force: true });
        fs.rmSync(path.join(dir, `plain-${r}`), { recursive: true, force: true });
      }
      inMemory.length = 0;
      const floor = { name: "convert + JSON.stringify in memory", samples: floorRates };
      figures.push(
        { name: `export to openai JSONL (${SMALL.toLocaleString("en")} × ${STEPS} steps, PGlite)`, unit: "traj/s", samples: exportRates, baseline: floor, target: "≥ 5,000/s, within 3× of the floor" },
        { name: "the same without redaction", unit: "traj/s", samples: plainRates, baseline: floor },
        { name: "reading the members alone", unit: "traj/s", samples: loadRates, baseline: floor },
      );

      globalThis.gc?.();
      const small = await peakMemory(() => exportDataset(database.db, { dataset: "small", format: "openai", out: path.join(dir, "rss-small") }));
      log(`exporting ${SMALL}: peak RSS ${small.rssMb.toFixed(0)} MB, peak JS heap ${small.heapMb.toFixed(0)} MB`);
      log(`generating ${LARGE} more trajectories`);
      await populate(database, "large", LARGE, log);
      globalThis.gc?.();
      const large = await peakMemory(() => exportDataset(database.db, { dataset: "large", format: "openai", out: path.join(dir, "rss-large") }));
      log(`exporting ${LARGE}: peak RSS ${large.rssMb.toFixed(0)} MB, peak JS heap ${large.heapMb.toFixed(0)} MB (${large.result.trajectories} trajectories, ${(large.result.bytes / 2 ** 20).toFixed(0)} MB written)`);
      figures.push(
        { name: `peak JS heap exporting ${LARGE.toLocaleString("en")} trajectories`, unit: "MB", samples: [large.heapMb], baseline: { name: `exporting ${SMALL.toLocaleString("en")}`, samples: [small.heapMb] }, target: "flat (×1)" },
        { name: `peak RSS exporting ${LARGE.toLocaleString("en")} (with the embedded database)`, unit: "MB", samples: [large.rssMb], baseline: { name: `exporting ${SMALL.toLocaleString("en")}`, samples: [small.rssMb] }, target: "< 300 MB" },
      );
    } finally {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return figures;
  },
};

export default benchmark;
