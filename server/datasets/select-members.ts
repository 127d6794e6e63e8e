import { createHash } from "node:crypto";
import { and, asc, eq, gt, gte, inArray, sql } from "drizzle-orm";
import { type Db, rowsOf } from "@/db/client";
import { agents, tasks, trajectories } from "@/db/schema";
import { parseListView } from "@/components/trajectories/list-params";
import { filterConditions } from "../trajectories/list-trajectories";
import type { CurationOptions } from "./curation-options";
import { countTrajectoryTokens } from "./trajectory-tokens";

export type Split = "train" | "validation";
export type SelectedMember = { trajectoryId: number; split: Split };

/** What each curation step did, for the dataset page and the version's stats. */
export type SelectionReport = {
  matched: number;
  included: number;
  excluded: number;
  duplicates: number;
  overTokenBudget: number;
  overTaskLimit: number;
  balancedAway: number;
  members: number;
  validation: number;
};

type Candidate = {
  id: number;
  sourceHash: string;
  agent: string;
  task: string | null;
  egs: number | null;
  resolved: boolean | null;
  /** Hash of the command sequence with numbers and spacing normalized (near-identical runs share it). */
  fingerprint?: string;
  tokens?: number;
};

const BATCH = 5000;

/**
 * The members a dataset's filter and options select, and why the others were left out: the
 * filter (the trajectory list's query string), minimum metrics and outcome in SQL; then manual
 * include/exclude, dedupe by task and near-identical command sequence, the token budget, at most
 * N per task, teacher balance, and a train/validation split by task. Every choice is
 * deterministic: the most grounded run wins (resolved, then EGS, then source hash), and the split
 * hashes the seed with the task name.
 */
export async function selectMembers(
  db: Db,
  filterQuery: string,
  options: CurationOptions,
): Promise<{ members: SelectedMember[]; report: SelectionReport }> {
  const filter = parseListView(new URLSearchParams(filterQuery.replace(/^\?/, ""))).filter;
  const where = and(
    ...filterConditions(filter),
    options.minEgs !== undefined ? gte(trajectories.egs, options.minEgs) : undefined,
    options.minTor !== undefined ? gte(trajectories.tor, options.minTor) : undefined,
    options.outcome === "resolved" ? eq(trajectories.resolved, true) : undefined,
  );
  const excluded = new Set(options.exclude);
  const matched = await candidates(db, where);
  const byId = new Map(matched.map((c) => [c.id, c]));
  const extra = options.include.filter((id) => !byId.has(id));
  for (const c of extra.length ? await candidates(db, inArray(trajectories.id, extra)) : []) byId.set(c.id, c);
  let pool = [...byId.values()].filter((c) => !excluded.has(c.id)).sort(mostGroundedFirst);
  const report: SelectionReport = {
    matched: matched.length,
    included: byId.size - matched.length,
    excluded: byId.size - pool.length,
    duplicates: 0,
    overTokenBudget: 0,
    overTaskLimit: 0,
    balancedAway: 0,
    members: 0,
    validation: 0,
  };

  if (options.dedupe) {
    await addFingerprints(db, pool);
    const seen = new Set<string>();
    const kept = pool.filter((c) => {
      const key = `${c.task ?? c.sourceHash}\u0000${c.fingerprint}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
    report.duplicates = pool.length - kept.length;
    pool = kept;
  }
  if (options.tokenBudget) {
    const counts = await countTrajectoryTokens(db, pool.map((c) => c.id), options.tokenBudget.family);
    const kept = pool.filter((c) => (counts.get(c.id) ?? 0) <= options.tokenBudget!.max);
    report.overTokenBudget = pool.length - kept.length;
    pool = kept;
  }
  if (options.maxPerTask !== undefined) {
    const kept = byTask(pool).flatMap((runs) => (options.balanceTeachers ? roundRobinByTeacher(runs) : runs).slice(0, options.maxPerTask));
    report.overTaskLimit = pool.length - kept.length;
    pool = kept.sort(mostGroundedFirst);
  }
  if (options.balanceTeachers) {
    const perTeacher = groupBy(pool, (c) => c.agent);
    const fewest = Math.min(...[...perTeacher.values()].map((runs) => runs.length));
    const kept = [...perTeacher.values()].flatMap((runs) => runs.slice(0, fewest));
    report.balancedAway = pool.length - kept.length;
    pool = kept;
  }

  const members = pool
    .map((c) => ({ trajectoryId: c.id, split: splitOf(c.task ?? c.sourceHash, options) }))
    .sort((a, b) => a.trajectoryId - b.trajectoryId);
  report.members = members.length;
  report.validation = members.filter((m) => m.split === "validation").length;
  return { members, report };
}

async function candidates(db: Db, where: ReturnType<typeof and>): Promise<Candidate[]> {
  const out: Candidate[] = [];
  for (let after = 0; ; ) {
    const rows = await db
      .select({ id: trajectories.id, sourceHash: trajectories.sourceHash, agent: agents.name, task: tasks.name, egs: trajectories.egs, resolved: trajectories.resolved })
      .from(trajectories)
      .leftJoin(agents, eq(agents.id, trajectories.agentId))
      .leftJoin(tasks, eq(tasks.id, trajectories.taskId))
      .where(and(where, gt(trajectories.id, after)))
      .orderBy(asc(trajectories.id))
      .limit(BATCH);
    for (const r of rows) out.push({ ...r, agent: r.agent ?? "(unknown)" });
    if (rows.length < BATCH) return out;
    after = rows.at(-1)!.id;
  }
}

/** Resolved first, then the higher EGS (none last), then the source hash: a total, stable order. */
function mostGroundedFirst(a: Candidate, b: Candidate): number {
  const resolved = Number(b.resolved === true) - Number(a.resolved === true);
  if (resolved) return resolved;
  const egs = (b.egs ?? -1) - (a.egs ?? -1);
  if (egs) return egs;
  return a.sourceHash < b.sourceHash ? -1 : a.sourceHash > b.sourceHash ? 1 : 0;
}

async function addFingerprints(db: Db, pool: Candidate[]): Promise<void> {
  for (let start = 0; start < pool.length; start += BATCH) {
    const batch = pool.slice(start, start + BATCH);
    const rows = rowsOf<{ trajectory_id: number; commands: string | null }>(
      await db.execute(sql`select trajectory_id, string_agg(action, ${"\n"} order by index) as commands from steps
        where trajectory_id = any(${`{${batch.map((c) => c.id).join(",")}}`}::bigint[]) and action is not null group by trajectory_id`),
    );
    const commands = new Map(rows.map((r) => [Number(r.trajectory_id), r.commands ?? ""]));
    for (const c of batch) c.fingerprint = fingerprint(commands.get(c.id) ?? "");
  }
}

/**
 * Near-identical command sequences: the same commands but for numbers (ids, ports, line
 * numbers), spacing and case. `sed -n 10,20p a.py` and `sed -n 12,30p a.py` are the same step.
 */
export function fingerprint(commands: string): string {
  const normalized = commands.toLowerCase().replace(/\d+/g, "0").replace(/[ \t]+/g, " ").replace(/ *\n */g, "\n").trim();
  return createHash("sha256").update(normalized).digest("hex");
}

function byTask(pool: Candidate[]): Candidate[][] {
  return [...groupBy(pool, (c) => c.task ?? `\u0000${c.sourceHash}`).values()];
}

/** A task's runs taking turns by teacher, each teacher's most grounded first. */
function roundRobinByTeacher(runs: Candidate[]): Candidate[] {
  const queues = [...groupBy(runs, (c) => c.agent).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, q]) => q);
  const out: Candidate[] = [];
  for (let i = 0; out.length < runs.length; i++) for (const q of queues) if (q[i]) out.push(q[i]!);
  return out;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** A task's split: the seeded hash of its name against the validation share (stable as sets change). */
export function splitOf(task: string, options: Pick<CurationOptions, "seed" | "validationShare">): Split {
  if (options.validationShare <= 0) return "train";
  const hash = createHash("sha256").update(`${options.seed}\u0000${task}`).digest();
  return hash.readUInt32BE(0) / 2 ** 32 < options.validationShare ? "validation" : "train";
}
