/*
 * Exporting a frozen version to OpenAI JSONL from the embedded database → trajectories/s, against
 * the floor: converting and serializing the same trajectories, already in memory, with
 * JSON.stringify in the same run (target: ≥ 5,000/s and within 3× of the floor). Then the peak
 * resident memory of `trajstudio export` at 10,000 and at 200,000 trajectories (target: flat,
 * < 300 MB), on the embedded database and, with BENCH_DATABASE_URL, on a PostgreSQL server.
 * Data is generated in SQL (10 steps a trajectory, realistic text) and frozen in one transaction.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { type Database, openDatabase, rowsOf } from "@/db/client";
import { storeMemberContents } from "@/server/datasets/member-content";
import { exportDataset } from "@/server/exports/export-dataset";
import type { ExportTrajectory } from "@/server/exports/export-trajectory";
import { toOpenAi } from "@/server/exports/formats/openai";
import { versionDocuments } from "@/server/exports/load-members";
import type { Benchmark, Figure } from "./lib/harness";
import { peakRss } from "./lib/peak-rss";

const SMALL = Number(process.env.BENCH_EXPORT_TRAJECTORIES ?? 10_000);
const LARGE = Number(process.env.BENCH_EXPORT_LARGE ?? 200_000);
const STEPS = 10;

/** `count` trajectories with steps, a dataset and a frozen version holding them all. */
async function populate(database: Database, name: string, count: number, log: (m: string) => void): Promise<number> {
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
  // The freeze's last step: each member's content stored as a document (what exports read).
  const stored = performance.now();
  const [version] = rowsOf<{ id: number }>(await db.execute(sql`select v.id from dataset_versions v join datasets d on d.id = v.dataset_id where d.name = ${name}`));
  await db.transaction((tx) => storeMemberContents(tx, Number(version!.id)));
  const storeSeconds = (performance.now() - stored) / 1000;
  log(`  stored ${count} member contents in ${storeSeconds.toFixed(1)} s (${(count / storeSeconds).toFixed(0)}/s)`);
  await db.execute(sql`analyze`);
  return count / storeSeconds;
}

const CLI = path.join(import.meta.dirname, "..", "bin", "trajstudio.js");

/**
 * Peak resident memory of `trajstudio export` (a process of its own, as users run it) and of the
 * same CLI doing nothing but open the database (`dataset list`): the export's own share is the
 * difference. On the embedded database the process holds the database engine too.
 */
async function exportRss(target: string[], env: Record<string, string>, dataset: string, out: string) {
  const idle = await peakRss(process.execPath, [CLI, ...target, "dataset", "list"], env);
  const exported = await peakRss(process.execPath, [CLI, ...target, "export", dataset, "--format", "openai", "--out", out], env);
  fs.rmSync(out, { recursive: true, force: true });
  return { idle: idle.mb, export: exported.mb };
}

const benchmark: Benchmark = {
  name: "export",
  description: `frozen versions → OpenAI JSONL: trajectories/s against JSON.stringify of the same records in memory; peak RSS of \`trajstudio export\` at ${SMALL.toLocaleString("en")} and ${LARGE.toLocaleString("en")}`,
  async run({ runs, postgresUrl, log }) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trajstudio-bench-export-"));
    const dataDir = path.join(dir, "db");
    let database = await openDatabase({ kind: "pglite", dataDir });
    const figures: Figure[] = [];
    const admin = postgresUrl ? postgres(postgresUrl, { max: 1, onnotice: () => {} }) : undefined;
    const pgName = `bench_export_${process.pid}`;
    try {
      log(`generating ${SMALL} trajectories`);
      const storeRate = await populate(database, "small", SMALL, log);
      const versionId = Number(rowsOf<{ id: number }>(await database.db.execute(sql`select v.id from dataset_versions v join datasets d on d.id = v.dataset_id where d.name = 'small'`))[0]?.id);
      // The floor: the same trajectories already in memory, converted and serialized.
      const inMemory: ExportTrajectory[] = [];
      for await (const batch of versionDocuments(database.db, versionId, "train")) inMemory.push(...batch.map((d) => JSON.parse(d) as ExportTrajectory));
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
        for await (const batch of versionDocuments(database.db, versionId, "train")) loaded += batch.length;
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
        { name: "reading the stored members alone (query + inflate)", unit: "traj/s", samples: loadRates, baseline: floor },
        { name: "the freeze storing each member's content (once per version)", unit: "traj/s", samples: [storeRate], baseline: floor },
      );

      // Memory, in the CLI's own process: at SMALL, then with LARGE more trajectories in a second dataset.
      await database.close();
      const embedded = ["--data", dataDir];
      const small = await exportRss(embedded, {}, "small", path.join(dir, "rss"));
      log(`trajstudio export of ${SMALL}: peak RSS ${small.export.toFixed(0)} MB (the same CLI opening the database: ${small.idle.toFixed(0)} MB)`);
      database = await openDatabase({ kind: "pglite", dataDir });
      log(`generating ${LARGE} more trajectories`);
      await populate(database, "large", LARGE, log);
      await database.close();
      const large = await exportRss(embedded, {}, "large", path.join(dir, "rss"));
      log(`trajstudio export of ${LARGE}: peak RSS ${large.export.toFixed(0)} MB (opening the database: ${large.idle.toFixed(0)} MB)`);
      figures.push(
        { name: `peak RSS of trajstudio export, ${LARGE.toLocaleString("en")} (PGlite in the process)`, unit: "MB", samples: [large.export], baseline: { name: `exporting ${SMALL.toLocaleString("en")}`, samples: [small.export] }, target: "flat (×1), < 300 MB" },
        { name: `  of which the export (above opening the database)`, unit: "MB", samples: [large.export - large.idle], baseline: { name: `exporting ${SMALL.toLocaleString("en")}`, samples: [small.export - small.idle] }, target: "flat (×1)" },
      );

      if (admin && postgresUrl) {
        await admin.unsafe(`create database ${pgName}`);
        const url = new URL(postgresUrl);
        url.pathname = `/${pgName}`;
        const env = { DATABASE_URL: url.toString() };
        database = await openDatabase({ kind: "postgres", url: url.toString() });
        log(`PostgreSQL: generating ${SMALL} + ${LARGE} trajectories`);
        await populate(database, "small", SMALL, log);
        await populate(database, "large", LARGE, log);
        await database.close();
        const pgSmall = await exportRss([], env, "small", path.join(dir, "rss"));
        const pgLarge = await exportRss([], env, "large", path.join(dir, "rss"));
        log(`PostgreSQL: trajstudio export peak RSS ${pgSmall.export.toFixed(0)} MB at ${SMALL}, ${pgLarge.export.toFixed(0)} MB at ${LARGE}`);
        figures.push({ name: `peak RSS of trajstudio export, ${LARGE.toLocaleString("en")} (PostgreSQL server)`, unit: "MB", samples: [pgLarge.export], baseline: { name: `exporting ${SMALL.toLocaleString("en")}`, samples: [pgSmall.export] }, target: "flat (×1), < 300 MB" });
      }
    } finally {
      await database.close().catch(() => {});
      if (admin) {
        await admin.unsafe(`drop database if exists ${pgName} with (force)`).catch(() => {});
        await admin.end();
      }
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return figures;
  },
};

export default benchmark;
