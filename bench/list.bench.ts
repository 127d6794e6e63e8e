/*
 * The trajectory list at scale: 100,000 trajectories and 5,000,000 steps generated in the
 * database, then filtered, sorted pages timed on the server (the listTrajectories service the
 * page calls) → p95 in ms. Baseline: fetching one trajectory by id, in the same run.
 * Target (issue 5): p95 ≤ 100 ms on the embedded database; the same reported on PostgreSQL.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { type Database, openDatabase } from "@/db/client";
import { getTrajectory } from "@/server/trajectories/get-trajectory";
import { type ListTrajectoriesInput, listTrajectories } from "@/server/trajectories/list-trajectories";
import { type Figure, percentile } from "./lib/harness";
import type { Benchmark } from "./lib/harness";

const TRAJECTORIES = Number(process.env.BENCH_LIST_TRAJECTORIES ?? 100_000);
const STEPS = Number(process.env.BENCH_LIST_STEPS ?? 50);
const SAMPLES = 40;
/** Distinct words per trajectory, drawn from a vocabulary of this size. */
const WORDS = 200;
const VOCABULARY = 20_000;
/** One trajectory in this many ran `pip install requests`. */
const PIP_EVERY = 20;

/** Generated in SQL: no importer in the way, the same data on both databases (seeded random). */
async function populate(database: Database, log: (m: string) => void) {
  const db = database.db;
  const started = performance.now();
  await db.execute(sql`select setseed(0.42)`);
  await db.execute(sql`insert into agents (name, model) select 'teacher-' || g, 'model-' || g from generate_series(1, 20) g`);
  await db.execute(sql`insert into tasks (name) select 'task-' || lpad(g::text, 5, '0') from generate_series(1, 2000) g`);
  for (let start = 0; start < TRAJECTORIES; start += 10_000) {
    const n = Math.min(10_000, TRAJECTORIES - start);
    await db.execute(sql`
      insert into trajectories (task_id, agent_id, source_format, source_hash, resolved, reward, step_count, tor, var, closed_loop, egs, egs_version, failure_tags)
      select 1 + (random() * 1999)::int, 1 + (random() * 19)::int, 'atif', md5(${start}::text || '-' || g),
        case when random() < 0.1 then null else random() < 0.4 end, random(), ${STEPS},
        case when random() < 0.05 then null else random() end, random(), (random() < 0.6)::int, random(), 'egs-v1',
        case when random() < 0.05 then array['non-zero-exit-streak'] else '{}'::text[] end
      from generate_series(1, ${n}) g`);
    // Words as the importer stores them: a skewed vocabulary (w0 is everywhere, w19999 rare), plus
    // the words of the pip command some trajectories ran (see the steps). The subquery names t so
    // it is drawn again for every row.
    await db.execute(sql`
      insert into trajectory_search (trajectory_id, words)
      select t.id, array_to_tsvector(array(select distinct 'w' || floor(${VOCABULARY}::int * power(random(), 3))::int from generate_series(1, ${WORDS}) w where t.id > 0))
          || case when t.id % ${PIP_EVERY}::int = 0 then 'pip install requests cat file txt'::tsvector else 'cat file txt'::tsvector end
      from trajectories t where t.id > (select coalesce(max(trajectory_id), 0) from trajectory_search)`);
    await db.execute(sql`
      insert into steps (trajectory_id, index, source, action, observation, tag, auto_tag)
      select t.id, s, 'agent', case when t.id % ${PIP_EVERY}::int = 0 and s = 3 then 'pip install requests' else 'cat file-' || s || '.txt' end,
        'line one of the output\nline two', 'inspect', 'inspect'
      from trajectories t, generate_series(0, ${STEPS - 1}) s
      where t.id > (select coalesce(max(trajectory_id), 0) from steps)`);
    log(`  ${start + n} trajectories, ${(start + n) * STEPS} steps (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
  await db.execute(sql`analyze`);
}

const QUERIES: [string, ListTrajectoriesInput][] = [
  ["newest first", {}],
  ["sorted by EGS", { sort: "egs" }],
  ["one teacher, EGS ≥ 0.5, by TOR ascending", { sort: "tor", dir: "asc", filter: { agents: ["teacher-7"], egs: { min: 0.5 } } }],
  ["task name contains, resolved only", { filter: { task: "task-01", outcome: "resolved" } }],
  ["failure tag, by steps", { sort: "steps", filter: { failureTag: "non-zero-exit-streak" } }],
  ["full-text, a common word", { filter: { text: "w1" } }],
  ["full-text, two words, by EGS", { sort: "egs", filter: { text: "w12 w40" } }],
  ["full-text, a rare word", { filter: { text: "w17000" } }],
  ["a command containing 'pip install', open loop", { filter: { command: "pip install", loop: "open" } }],
];

async function measure(database: Database, log: (m: string) => void): Promise<{ list: number[]; deep: number[]; byId: number[] }> {
  const list: number[] = [];
  const perView = new Map<string, number[]>(QUERIES.map(([name]) => [name, []]));
  const deep: number[] = [];
  const byId: number[] = [];
  for (let k = 0; k < SAMPLES; k++) {
    for (const [name, input] of QUERIES) {
      const started = performance.now();
      await listTrajectories(database.db, { ...input, limit: 50 });
      list.push(performance.now() - started);
      perView.get(name)!.push(performance.now() - started);
    }
    // The 20th page of the EGS sort: keyset cursors keep deep pages as fast as the first.
    let cursor: string | null = null;
    for (let p = 0; p < 20; p++) {
      const started = performance.now();
      const page: Awaited<ReturnType<typeof listTrajectories>> = await listTrajectories(database.db, { sort: "egs", limit: 50, cursor });
      if (p === 19) deep.push(performance.now() - started);
      cursor = page.nextCursor;
    }
    const started = performance.now();
    await getTrajectory(database.db, 1 + ((k * 7919) % TRAJECTORIES));
    byId.push(performance.now() - started);
  }
  for (const [name, times] of perView) log(`    ${name}: p95 ${percentile(times, 95).toFixed(1)} ms`);
  return { list, deep, byId };
}

const benchmark: Benchmark = {
  name: "list",
  description: `${TRAJECTORIES.toLocaleString("en")} trajectories × ${STEPS} steps: filtered, sorted list pages → p95 ms`,
  async run({ postgresUrl, log }) {
    const figures: Figure[] = [];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trajstudio-bench-list-"));
    const admin = postgresUrl ? postgres(postgresUrl, { max: 1, onnotice: () => {} }) : undefined;
    try {
      const targets: [string, () => Promise<Database>, (() => Promise<void>) | undefined][] = [["PGlite", () => openDatabase({ kind: "pglite", dataDir: path.join(dir, "pglite") }), undefined]];
      if (admin && postgresUrl) {
        const name = `bench_list_${process.pid}`;
        const url = new URL(postgresUrl);
        url.pathname = `/${name}`;
        targets.push([
          "PostgreSQL",
          async () => {
            await admin.unsafe(`create database ${name}`);
            return openDatabase({ kind: "postgres", url: url.toString() });
          },
          async () => void (await admin.unsafe(`drop database ${name} with (force)`)),
        ]);
      }
      for (const [label, open, drop] of targets) {
        log(`${label}: generating`);
        const database = await open();
        try {
          await populate(database, log);
          const { list, deep, byId } = await measure(database, log);
          const baseline = { name: "one trajectory by id", samples: [percentile(byId, 95)] };
          log(`${label}: list p95 ${percentile(list, 95).toFixed(1)} ms, page 20 p95 ${percentile(deep, 95).toFixed(1)} ms, by id p95 ${percentile(byId, 95).toFixed(1)} ms`);
          figures.push(
            { name: `${label}: list page p95 (${QUERIES.length} filter/sort/search views)`, unit: "ms", samples: [percentile(list, 95)], baseline, target: label === "PGlite" ? "≤ 100 ms" : undefined },
            { name: `${label}: 20th page p95 (EGS sort)`, unit: "ms", samples: [percentile(deep, 95)], baseline },
          );
        } finally {
          await database.close();
          await drop?.();
        }
      }
    } finally {
      await admin?.end();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return figures;
  },
};

export default benchmark;
