import { inArray, sql } from "drizzle-orm";
import { type Db, rowsOf } from "@/db/client";
import { type StepCommand, agents, tasks, trajectories } from "@/db/schema";
import { type AgentInput, agentMergeSet } from "../agents/upsert-agent";
import { type ScoredSteps, metricColumns, scoreLoadedSteps } from "../egs/score-steps";
import { loadShellParser } from "../egs/shell/parse-shell";
import { stepsSearchVector } from "../search/search-lexemes";
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

  // Every stored trajectory is tagged and scored: the list, filters and exports read these.
  await loadShellParser();
  const scores = new Map(fresh.map(({ t }) => [t.sourceHash, scoreLoadedSteps(t.steps)]));
  const agentIds = await upsertAgents(tx, fresh.flatMap(({ t }) => (t.agent ? [t.agent] : [])));
  const taskIds = await ensureTasks(tx, fresh.flatMap(({ t }) => (t.task ? [t.task] : [])));
  const inserted = fresh.length
    ? await insertRecordset<{ id: number; source_hash: string }>(
        tx,
        "trajectories",
        TRAJECTORY_COLUMNS,
        fresh.map(({ t, i }) => trajectoryRow(t, agentSteps[i]!, scores.get(t.sourceHash)!, agentIds, taskIds)),
        sql`on conflict (source_hash) do nothing returning id, source_hash`,
      )
    : [];
  const newIds = new Map(inserted.map((r) => [r.source_hash, Number(r.id)]));

  const rows = fresh.flatMap(({ t }) => {
    const id = newIds.get(t.sourceHash);
    const scored = scores.get(t.sourceHash)!;
    return id === undefined ? [] : t.steps.map((step, index) => stepRow(id, index, step, scored));
  });
  for (let start = 0; start < rows.length; start += STEP_CHUNK) await insertRecordset(tx, "steps", STEP_COLUMNS, rows.slice(start, start + STEP_CHUNK));
  const words = fresh.flatMap(({ t }) => {
    const id = newIds.get(t.sourceHash);
    return id === undefined ? [] : [{ trajectory_id: id, words: stepsSearchVector(t.steps) }];
  });
  if (words.length) await insertRecordset(tx, "trajectory_search", SEARCH_COLUMNS, words);

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
 * tool arguments included. JSON.stringify escapes exactly those two as `\u0000` and `\udXXX`, so
 * one search of its output decides whether the (much slower) sanitizing pass is needed at all.
 */
export function storableJson(value: unknown): string {
  const json = JSON.stringify(value);
  return UNSTORABLE_ESCAPE.test(json) ? JSON.stringify(value, storableStrings) : json;
}

/** A NUL or lone-surrogate escape (may also match an escaped backslash before "u0000": harmless). */
const UNSTORABLE_ESCAPE = /\\u(?:0000|d[89a-f])/i;

function storableStrings(_key: string, value: unknown): unknown {
  if (typeof value !== "string") return value;
  const text = value.includes("\u0000") ? value.replaceAll("\u0000", "\u2400") : value;
  return text.isWellFormed() ? text : text.toWellFormed();
}

/**
 * Rows go in as one JSON parameter expanded by json_to_recordset: one statement per chunk, without
 * a bind parameter per column and row or a query builder walking every value (both cost more than
 * the insert itself; plain json parses about twice as fast as jsonb here). Keys are column names.
 */
async function insertRecordset<Returned = never>(tx: Db, table: string, columns: Record<string, string>, rows: object[], tail = sql``): Promise<Returned[]> {
  const names = Object.keys(columns).join(", ");
  const types = Object.entries(columns).map(([name, type]) => `${name} ${type}`).join(", ");
  const result = await tx.execute(sql`insert into ${sql.raw(table)} (${sql.raw(names)})
    select ${sql.raw(names)} from json_to_recordset(${storableJson(rows)}::json) as x(${sql.raw(types)}) ${tail}`);
  return rowsOf<Returned>(result);
}

const TRAJECTORY_COLUMNS = {
  task_id: "bigint", agent_id: "bigint", source_format: "text", source_path: "text", source_hash: "text", source_blob: "text",
  recording_blob: "text", session_id: "text", reward: "float8", resolved: "boolean", started_at: "timestamptz", ended_at: "timestamptz",
  duration_ms: "bigint", prompt_tokens: "bigint", completion_tokens: "bigint", cached_tokens: "bigint", cost_usd: "float8",
  step_count: "int", failure_tags: "text[]", import_warnings: "text[]",
  tor: "real", var: "real", closed_loop: "real", iav_cycles: "int", egs: "real", egs_version: "text", metrics_detail: "jsonb",
};

function trajectoryRow(t: TrajectoryInput, stepCount: number, scored: ScoredSteps, agentIds: Map<string, number>, taskIds: Map<string, number>) {
  return {
    task_id: t.task ? taskIds.get(t.task.name.trim())! : null,
    agent_id: t.agent ? agentIds.get(t.agent.name.trim())! : null,
    source_format: t.sourceFormat,
    source_path: t.sourcePath ?? null,
    source_hash: t.sourceHash,
    source_blob: t.sourceBlob ?? null,
    recording_blob: t.recordingBlob ?? null,
    session_id: t.sessionId ?? null,
    reward: t.reward ?? null,
    resolved: t.resolved ?? null,
    started_at: t.startedAt ?? null,
    ended_at: t.endedAt ?? null,
    duration_ms: t.durationMs ?? null,
    prompt_tokens: t.promptTokens ?? null,
    completion_tokens: t.completionTokens ?? null,
    cached_tokens: t.cachedTokens ?? null,
    cost_usd: t.costUsd ?? null,
    // Steps are written by the next statement; here only the agent's count.
    step_count: stepCount,
    failure_tags: t.failureTags ?? [],
    import_warnings: t.importWarnings ?? [],
    ...snakeCase(metricColumns(scored.metrics)),
  };
}

const SEARCH_COLUMNS = { trajectory_id: "bigint", words: "tsvector" };

const STEP_COLUMNS = {
  trajectory_id: "bigint", index: "int", source: "text", started_at: "timestamptz", recording_offset: "float8", thought: "text",
  tool_name: "text", tool_args: "jsonb", action: "text", keystrokes: "text", observation: "text", exit_code: "int", trainable: "boolean",
  commands: "jsonb", auto_tag: "step_tag", auto_rule: "text", auto_confidence: "real", rules_version: "text", tag: "step_tag",
};

function stepRow(trajectoryId: number, index: number, s: StepInput, scored: ScoredSteps) {
  const tagged = scored.steps[index]!;
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
    commands: tagged.commands.map(compactCommand),
    auto_tag: tagged.tag,
    auto_rule: tagged.rule,
    auto_confidence: tagged.confidence,
    // Set wherever the tagger looked (an action), tag or not: `retag` finds what other rules tagged.
    rules_version: s.action == null ? null : scored.rulesVersion,
    // No human label yet: the effective tag is the auto tag.
    tag: tagged.tag,
  };
}

/** Empty target lists are left out of the stored command: a third of its bytes. */
export function compactCommand(c: StepCommand): Partial<StepCommand> {
  const { reads, writes, runs, ...rest } = c;
  return { ...rest, ...(reads.length ? { reads } : {}), ...(writes.length ? { writes } : {}), ...(runs.length ? { runs } : {}) };
}

export function snakeCase(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), v]));
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
