import { inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { agents, tasks, trajectories } from "@/db/schema";
import { type AgentInput, agentMergeSet } from "../agents/upsert-agent";
import type { StepInput, TrajectoryInput } from "./trajectory-input";

/** `steps` counts the agent's actions (the trajectory's step count), not prompt/system rows. */
export type CreateTrajectoryResult = { id: number; duplicate: boolean; steps: number };

/** Steps per INSERT: the JSON parameter stays in the low megabytes. */
const STEP_CHUNK = 5000;

/**
 * Stores many trajectories with a handful of statements whatever their number — the embedded
 * database pays about a millisecond per statement, so one statement per row cannot reach
 * thousands of trajectories a second. Call it inside a transaction: it writes several tables.
 * Content already stored (same source hash) is skipped and reported as a duplicate. Inputs are
 * trusted (importers build them); `createTrajectory` validates single inputs from elsewhere.
 */
export async function insertTrajectories(tx: Db, inputs: TrajectoryInput[]): Promise<CreateTrajectoryResult[]> {
  const agentSteps = inputs.map((t) => t.steps.filter((s) => (s.source ?? "agent") === "agent").length);
  const existing = new Map(
    (
      await tx
        .select({ id: trajectories.id, hash: trajectories.sourceHash, steps: trajectories.stepCount })
        .from(trajectories)
        .where(inArray(trajectories.sourceHash, inputs.map((t) => t.sourceHash)))
    ).map((r) => [r.hash, r]),
  );
  // Two inputs of one batch with the same content: the first is stored, the second is its duplicate.
  const firstOf = new Map<string, number>();
  inputs.forEach((t, i) => existing.has(t.sourceHash) || firstOf.has(t.sourceHash) || firstOf.set(t.sourceHash, i));
  const fresh = [...firstOf.values()].map((i) => ({ t: inputs[i]!, i }));

  const agentIds = await upsertAgents(tx, fresh.flatMap(({ t }) => (t.agent ? [t.agent] : [])));
  const taskIds = await ensureTasks(tx, fresh.flatMap(({ t }) => (t.task ? [t.task] : [])));
  const inserted = fresh.length
    ? await tx
        .insert(trajectories)
        .values(
          fresh.map(({ t, i }) => {
            const { agent, task, steps, ...fields } = t;
            return {
              ...fields,
              // Rows are written below in one statement; here only their count.
              stepCount: agentSteps[i]!,
              agentId: agent ? agentIds.get(agent.name.trim())! : null,
              taskId: task ? taskIds.get(task.name.trim())! : null,
              failureTags: t.failureTags ?? [],
              importWarnings: t.importWarnings ?? [],
            };
          }),
        )
        .onConflictDoNothing({ target: trajectories.sourceHash })
        .returning({ id: trajectories.id, hash: trajectories.sourceHash })
    : [];
  const newIds = new Map(inserted.map((r) => [r.hash, r.id]));

  const rows = fresh.flatMap(({ t }) => {
    const id = newIds.get(t.sourceHash);
    return id === undefined ? [] : t.steps.map((step, index) => stepRow(id, index, step));
  });
  // One JSON parameter expanded by json_to_recordset: one statement per chunk instead of one bind
  // parameter per column and row (measured: plain json parses about twice as fast as jsonb here).
  for (let start = 0; start < rows.length; start += STEP_CHUNK) {
    await tx.execute(sql`
      insert into steps (trajectory_id, index, source, started_at, recording_offset, thought, tool_name, tool_args, action, keystrokes, observation, exit_code, trainable)
      select * from json_to_recordset(${JSON.stringify(rows.slice(start, start + STEP_CHUNK), storableStrings)}::json) as x(
        trajectory_id bigint, index int, source text, started_at timestamptz, recording_offset float8, thought text,
        tool_name text, tool_args jsonb, action text, keystrokes text, observation text, exit_code int, trainable boolean)`);
  }

  return inputs.map((t, i) => {
    const id = newIds.get(t.sourceHash);
    if (id !== undefined && firstOf.get(t.sourceHash) === i) return { id, duplicate: false, steps: agentSteps[i]! };
    const seen = existing.get(t.sourceHash);
    // Seen before, earlier in this batch, or committed concurrently by another importer.
    return { id: seen?.id ?? newIds.get(t.sourceHash) ?? -1, duplicate: true, steps: seen?.steps ?? agentSteps[i]! };
  });
}

/**
 * PostgreSQL text holds neither NUL nor lone UTF-16 surrogates (a cut emoji), and terminals and
 * tool arguments produce both: NUL becomes ␀, a lone surrogate U+FFFD — in every string, nested
 * tool arguments included.
 */
function storableStrings(_key: string, value: unknown): unknown {
  if (typeof value !== "string") return value;
  const text = value.includes("\u0000") ? value.replaceAll("\u0000", "\u2400") : value;
  return text.isWellFormed() ? text : text.toWellFormed();
}

function stepRow(trajectoryId: number, index: number, s: StepInput) {
  return {
    trajectory_id: trajectoryId,
    index,
    source: s.source ?? "agent",
    started_at: s.startedAt ?? null,
    recording_offset: s.recordingOffset ?? null,
    thought: s.thought ?? null,
    tool_name: s.toolName ?? null,
    tool_args: s.toolArgs === undefined ? null : s.toolArgs,
    action: s.action ?? null,
    keystrokes: s.keystrokes ?? null,
    observation: s.observation ?? null,
    exit_code: s.exitCode ?? null,
    trainable: s.trainable ?? true,
  };
}

/** Agents by name, created or completed (known fields are kept unless the input gives a value). */
async function upsertAgents(tx: Db, list: AgentInput[]): Promise<Map<string, number>> {
  const byName = new Map<string, AgentInput>();
  for (const a of list) byName.set(a.name.trim(), { ...byName.get(a.name.trim()), ...definedOnly(a), name: a.name.trim() });
  if (byName.size === 0) return new Map();
  const rows = await tx
    .insert(agents)
    .values([...byName.values()].map((a) => ({ name: a.name, model: a.model, version: a.version, harness: a.harness, provider: a.provider })))
    .onConflictDoUpdate({ target: agents.name, set: agentMergeSet })
    .returning({ id: agents.id, name: agents.name });
  return new Map(rows.map((r) => [r.name, r.id]));
}

/** Tasks named by trajectories, created if unknown; an instruction fills a gap, never overwrites. */
async function ensureTasks(tx: Db, list: { name: string; instruction?: string | null; source?: string | null }[]): Promise<Map<string, number>> {
  const byName = new Map<string, { name: string; instruction: string | null; source: string | null }>();
  for (const t of list) {
    const name = t.name.trim();
    const seen = byName.get(name);
    byName.set(name, { name, instruction: seen?.instruction ?? t.instruction ?? null, source: seen?.source ?? t.source ?? null });
  }
  if (byName.size === 0) return new Map();
  const rows = await tx
    .insert(tasks)
    .values([...byName.values()])
    .onConflictDoUpdate({
      target: tasks.name,
      set: { instruction: sql`coalesce(${tasks.instruction}, excluded.instruction)`, source: sql`coalesce(${tasks.source}, excluded.source)` },
    })
    .returning({ id: tasks.id, name: tasks.name });
  return new Map(rows.map((r) => [r.name, r.id]));
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null)) as Partial<T>;
}
