import { sql } from "drizzle-orm";
import { type Db, rowsOf } from "@/db/client";
import type { MemberSnapshot } from "@/db/schema";
import { putBlobs } from "../blobs/blob-store";
import type { ExportStep, ExportTrajectory } from "../exports/export-trajectory";
import { normalizeOptions } from "./curation-options";
import type { Split } from "./select-members";

/** Members per round trip: big enough to amortize the queries, small enough to bound memory. */
const BATCH = 250;

const SPLITS: Split[] = ["train", "validation"];

const TAG_OF: Record<string, ExportStep["tag"]> = { i: "inspect", a: "act", v: "verify", o: "other" };

/**
 * Writes each member of a frozen version as one document — the trajectory as every export
 * format reads it, with the tags and metrics of the member's snapshot and the version's excluded
 * steps marked not trainable — into the blob store, and points the member at it. Run by the
 * freeze in its transaction (and, for versions frozen before contents existed, when a database
 * opens). From then on the version needs nothing of the live rows: relabels, retags and
 * re-imports cannot reach it, and an export reads one compressed document per member.
 */
export async function storeMemberContents(db: Db, versionId: number, excludeSteps: Record<string, number[]> = {}): Promise<number> {
  let stored = 0;
  // Split by split, as exports read them: each batch is then a range of the (version, split,
  // position) index — across splits every batch would sort the whole version.
  for (const split of SPLITS) {
    for (let after = 0; ; ) {
      const members = await liveMembers(db, versionId, split, after);
      if (members.length === 0) break;
      const documents = members.map((m) => JSON.stringify(m.content(excludeSteps[String(m.id)])));
      const hashes = await putBlobs(db, documents);
      const rows = members.map((m, i) => ({ id: m.id, hash: hashes[i] }));
      await db.execute(sql`
        update dataset_version_members m set content_hash = x.hash
        from json_to_recordset(${JSON.stringify(rows)}::json) as x(id bigint, hash text)
        where m.version_id = ${versionId} and m.trajectory_id = x.id`);
      stored += members.length;
      after = members.at(-1)!.position;
    }
  }
  return stored;
}

/**
 * Completes versions frozen before member contents existed (migration 0006), each in one
 * transaction, from the live rows exactly as exports read them then — so they export the same
 * bytes as before. The check when nothing is missing is one probe of a partial index.
 */
export async function storeMissingMemberContents(db: Db, log?: (message: string) => void): Promise<number> {
  const versions = rowsOf<{ id: number; options: unknown }>(
    await db.execute(sql`
      select v.id, v.options from dataset_versions v
      where exists (select 1 from dataset_version_members m where m.version_id = v.id and m.content_hash is null)
      order by v.id`),
  );
  let stored = 0;
  for (const version of versions) {
    log?.(`Storing the members of frozen dataset version ${version.id}…`);
    stored += await db.transaction((tx) => storeMemberContents(tx, Number(version.id), normalizeOptions(version.options).excludeSteps));
  }
  return stored;
}

type LiveMember = { id: number; position: number; content: (excluded?: number[]) => ExportTrajectory };

/** A batch of a split of a version's members, read from the live rows in export order after `after`. */
async function liveMembers(db: Db, versionId: number, split: Split, after: number): Promise<LiveMember[]> {
  const members = rowsOf<MemberRow>(
    await db.execute(sql`
      select t.id, t.source_hash, t.session_id, t.source_format, t.resolved, t.reward, m.snapshot, m.position,
        k.name as task, k.instruction, a.name as agent, a.model, a.version as agent_version, a.harness
      from dataset_version_members m
      join trajectories t on t.id = m.trajectory_id
      left join tasks k on k.id = t.task_id
      left join agents a on a.id = t.agent_id
      where m.version_id = ${versionId} and m.split = ${split} and m.position > ${after}::int
      order by m.position
      limit ${BATCH}`),
  );
  if (members.length === 0) return [];
  // One JSON text per trajectory (its steps as arrays): decoding thousands of rows of a dozen
  // typed columns costs the embedded database's driver more than the query; JSON.parse is cheap.
  const steps = rowsOf<{ trajectory_id: number; steps: string }>(
    await db.execute(sql`
      select trajectory_id, json_agg(json_build_array(index, source, started_at, thought, tool_name, tool_args, action, keystrokes, observation, exit_code, trainable, commands) order by index)::text as steps
      from steps where trajectory_id = any(${`{${members.map((m) => m.id).join(",")}}`}::bigint[])
      group by trajectory_id`),
  );
  const stepsOf = new Map<number, StepTuple[]>();
  for (const s of steps) stepsOf.set(Number(s.trajectory_id), JSON.parse(s.steps) as StepTuple[]);
  return members.map((m) => ({
    id: Number(m.id),
    position: Number(m.position),
    content: (excluded) => toExportTrajectory(m, stepsOf.get(Number(m.id)) ?? [], excluded),
  }));
}

type MemberRow = {
  id: number;
  source_hash: string;
  session_id: string | null;
  source_format: string;
  resolved: boolean | null;
  reward: number | null;
  snapshot: MemberSnapshot;
  position: number;
  task: string | null;
  instruction: string | null;
  agent: string | null;
  model: string | null;
  agent_version: string | null;
  harness: string | null;
};

/** A step as the aggregate sends it (jsonb columns arrive as JSON values, dates as ISO text). */
type StepTuple = [
  index: number,
  source: ExportStep["source"],
  startedAt: string | null,
  thought: string | null,
  toolName: string | null,
  toolArgs: unknown,
  action: string | null,
  keystrokes: string | null,
  observation: string | null,
  exitCode: number | null,
  trainable: boolean,
  commands: { text: string }[],
];

function toExportTrajectory(m: MemberRow, steps: StepTuple[], excluded: number[] = []): ExportTrajectory {
  const snapshot = m.snapshot;
  const notTrained = new Set(excluded);
  return {
    sourceHash: m.source_hash,
    sessionId: m.session_id,
    sourceFormat: m.source_format,
    task: m.task === null ? null : { name: m.task, instruction: m.instruction },
    agent: m.agent === null ? null : { name: m.agent, model: m.model, version: m.agent_version, harness: m.harness },
    resolved: m.resolved,
    reward: m.reward === null ? null : Number(m.reward),
    metrics: { tor: snapshot.tor, var: snapshot.var, closedLoop: snapshot.closedLoop, egs: snapshot.egs, egsVersion: snapshot.egsVersion },
    steps: steps.map(([index, source, startedAt, thought, toolName, toolArgs, action, keystrokes, observation, exitCode, trainable, commands]) => {
      const tag = frozenTag(snapshot, index);
      return {
        index,
        source,
        startedAt: startedAt === null ? null : new Date(startedAt).toISOString(),
        thought,
        toolName,
        // A document holds JSON: an absent value is stored (and read back) as null.
        toolArgs: toolArgs ?? null,
        action,
        keystrokes,
        observation,
        exitCode,
        trainable: trainable && !notTrained.has(index),
        tag,
        // The frozen step tag stands for its commands too: a later relabel or retag must not show here.
        commands: commands.map((c) => ({ text: c.text, tag: tag ?? "other" })),
      };
    }),
  };
}

function frozenTag(snapshot: MemberSnapshot, index: number): ExportStep["tag"] {
  return TAG_OF[snapshot.tags[index] ?? "-"] ?? null;
}
