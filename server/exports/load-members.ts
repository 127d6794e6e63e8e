import { sql } from "drizzle-orm";
import { type Db, rowsOf } from "@/db/client";
import type { MemberSnapshot } from "@/db/schema";
import type { Split } from "../datasets/select-members";
import type { ExportStep, ExportTrajectory } from "./export-trajectory";

/** Trajectories per round trip: big enough to amortize the queries, small enough to bound memory. */
const BATCH = 250;

const TAG_OF: Record<string, ExportStep["tag"]> = { i: "inspect", a: "act", v: "verify", o: "other" };

/**
 * A frozen version's members as the exporters read them, one split at a time in source-hash
 * order (the same order on any database; numbered at freeze), a batch in memory at a time. Tags
 * and metrics come from the version's snapshot, never from the live rows: labels and rules
 * change, a version does not.
 * Steps listed in the version's `excludeSteps` are marked not trainable.
 */
export async function* versionMembers(
  db: Db,
  versionId: number,
  split: Split,
  excludeSteps: Record<string, number[]> = {},
): AsyncGenerator<ExportTrajectory[]> {
  let after = 0;
  for (;;) {
    // Keyset on the position the freeze gave each member (source-hash order): each batch is an
    // index range, however large the version.
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
    if (members.length === 0) return;
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
    yield members.map((m) => toExportTrajectory(m, stepsOf.get(Number(m.id)) ?? [], excludeSteps[String(m.id)]));
    after = Number(members.at(-1)!.position);
  }
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
        toolArgs,
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
