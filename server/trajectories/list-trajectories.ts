import { type SQL, and, asc, desc, eq, gt, gte, ilike, inArray, isNotNull, isNull, lt, lte, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Db } from "@/db/client";
import { agents, steps, tasks, trajectories, trajectorySearch } from "@/db/schema";
import { InvalidInputError } from "../errors";
import { containsPrefilter, searchQuery } from "../search/search-lexemes";
import { LOOPS, OUTCOMES, SORT_KEYS, type SortKey } from "@/components/trajectories/list-keys";

const Range = z.object({ min: z.number().finite().optional(), max: z.number().finite().optional() }).optional();

/** What the list can be narrowed by: the same filter a dataset saves. */
export const TrajectoryFilter = z.object({
  /** Teacher names (any of). */
  agents: z.array(z.string().min(1)).max(100).optional(),
  /** Part of the task name, any case. */
  task: z.string().trim().min(1).max(200).optional(),
  outcome: z.enum(OUTCOMES).optional(),
  format: z.string().min(1).optional(),
  /** Trajectories carrying this failure tag. */
  failureTag: z.string().min(1).optional(),
  egs: Range,
  tor: Range,
  var: Range,
  steps: Range,
  /** Full-text search in commands and outputs: every word, `-word` excluded, `word*` a prefix. */
  text: z.string().trim().min(1).max(500).optional(),
  /** A command containing this text (any case). */
  command: z.string().min(1).max(500).optional(),
  /** Whether the last act is followed by a verify ("open": no check after the last change). */
  loop: z.enum(LOOPS).optional(),
});
export type TrajectoryFilter = z.infer<typeof TrajectoryFilter>;

export const ListTrajectoriesInput = z.object({
  limit: z.number().int().min(1).max(500).default(50),
  sort: z.enum(SORT_KEYS).default("created"),
  dir: z.enum(["asc", "desc"]).default("desc"),
  filter: TrajectoryFilter.default({}),
  /** Where the previous page ended (opaque: the sort value and id of its last row). */
  cursor: z.string().max(200).nullish(),
});
export type ListTrajectoriesInput = z.input<typeof ListTrajectoriesInput>;

/** Sort columns; created sorts by id (ids grow with insertion) so it never ties or is null. */
const SORT_COLUMNS: Record<SortKey, { column: AnyPgColumn; nullable: boolean }> = {
  created: { column: trajectories.id, nullable: false },
  egs: { column: trajectories.egs, nullable: true },
  tor: { column: trajectories.tor, nullable: true },
  var: { column: trajectories.var, nullable: true },
  steps: { column: trajectories.stepCount, nullable: false },
  reward: { column: trajectories.reward, nullable: true },
};

/**
 * A page of trajectories, filtered and sorted on the server with keyset pagination: each page
 * starts after the previous page's last (value, id), so pages stay fast however deep one goes.
 * Rows without the sort value (a metric not computed) come last in either direction: they are
 * read in a second query once the rows with a value run out, because "DESC NULLS LAST" matches no
 * (value, id) index and would sort the whole table for every page.
 */
export async function listTrajectories(db: Db, input: ListTrajectoriesInput = {}) {
  const { limit, sort, dir, filter, cursor } = ListTrajectoriesInput.parse(input);
  const { column, nullable } = SORT_COLUMNS[sort];
  const after = cursor ? decodeCursor(cursor) : null;
  const order = dir === "desc" ? desc : asc;
  const beyond = dir === "desc" ? lt : gt;
  const where = filterConditions(filter);
  const page = (conditions: (SQL | undefined)[], orderBy: SQL[], count: number) =>
    db
      .select({ ...LIST_COLUMNS, sortValue: sql<number | null>`${column}`.mapWith((v: unknown) => (v === null ? null : Number(v))) })
      .from(trajectories)
      .leftJoin(agents, eq(agents.id, trajectories.agentId))
      .leftJoin(tasks, eq(tasks.id, trajectories.taskId))
      .where(and(...where, ...conditions))
      .orderBy(...orderBy)
      .limit(count);

  const rows =
    after?.value === null
      ? []
      : await page(
          [
            nullable ? isNotNull(column) : undefined,
            !after ? undefined : sort === "created" ? beyond(trajectories.id, after.id) : sql`(${column}, ${trajectories.id}) ${sql.raw(dir === "desc" ? "<" : ">")} (${after.value}, ${after.id})`,
          ],
          sort === "created" ? [order(trajectories.id)] : [order(column), order(trajectories.id)],
          limit + 1,
        );
  if (nullable && rows.length <= limit) {
    rows.push(...(await page([isNull(column), after?.value === null ? beyond(trajectories.id, after.id) : undefined], [order(trajectories.id)], limit + 1 - rows.length)));
  }
  const items = rows.slice(0, limit).map(({ sortValue: _, ...row }) => row);
  const last = rows[limit - 1];
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor(last.sortValue, last.id) : null,
  };
}

const LIST_COLUMNS = {
  id: trajectories.id,
  agent: agents.name,
  model: agents.model,
  task: tasks.name,
  sourceFormat: trajectories.sourceFormat,
  resolved: trajectories.resolved,
  reward: trajectories.reward,
  stepCount: trajectories.stepCount,
  tor: trajectories.tor,
  var: trajectories.var,
  egs: trajectories.egs,
  failureTags: trajectories.failureTags,
  createdAt: trajectories.createdAt,
};

/** The filter as SQL conditions over trajectories joined with agents and tasks (datasets select with it too). */
export function filterConditions(f: TrajectoryFilter): (SQL | undefined)[] {
  const range = (column: AnyPgColumn, r: { min?: number; max?: number } | undefined) => [
    r?.min !== undefined ? gte(column, r.min) : undefined,
    r?.max !== undefined ? lte(column, r.max) : undefined,
  ];
  return [
    f.agents?.length ? inArray(agents.name, f.agents) : undefined,
    f.task ? ilike(tasks.name, containing(f.task)) : undefined,
    f.outcome === "resolved" ? eq(trajectories.resolved, true) : f.outcome === "failed" ? eq(trajectories.resolved, false) : f.outcome === "unknown" ? isNull(trajectories.resolved) : undefined,
    f.format ? eq(trajectories.sourceFormat, f.format) : undefined,
    f.failureTag ? sql`${trajectories.failureTags} @> array[${f.failureTag}]::text[]` : undefined,
    ...range(trajectories.egs, f.egs),
    ...range(trajectories.tor, f.tor),
    ...range(trajectories.var, f.var),
    ...range(trajectories.stepCount, f.steps),
    f.loop ? eq(trajectories.closedLoop, f.loop === "closed" ? 1 : 0) : undefined,
    f.text ? matchesSearch(searchQuery(f.text)) : undefined,
    ...(f.command ? [matchesSearch(containsPrefilter(f.command), { orAll: true }), hasCommandContaining(f.command)] : []),
  ];
}

/** Full-text match; a query with no word to search for matches nothing, or everything with `orAll`. */
function matchesSearch(query: string | null, { orAll = false } = {}): SQL | undefined {
  if (query === null) return orAll ? undefined : sql`false`;
  return sql`${trajectories.id} in (select ${trajectorySearch.trajectoryId} from ${trajectorySearch} where ${trajectorySearch.words} @@ ${query}::tsquery)`;
}

/**
 * `offset 0` keeps the planner from turning this into a join over every step: checked per
 * candidate row instead (through the steps' trajectory index), after the cheaper conditions —
 * the full-text prefilter above all — have narrowed the candidates.
 */
function hasCommandContaining(fragment: string): SQL {
  return sql`exists (select 1 from ${steps} where ${steps.trajectoryId} = ${trajectories.id} and ${steps.action} ilike ${containing(fragment)} offset 0)`;
}

/** An ILIKE pattern for text containing `fragment` literally (its % and _ are not wildcards). */
function containing(fragment: string): string {
  return `%${fragment.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function encodeCursor(value: number | null, id: number): string {
  return Buffer.from(JSON.stringify([value, id])).toString("base64url");
}

function decodeCursor(cursor: string): { value: number | null; id: number } {
  try {
    const [value, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [unknown, unknown];
    if ((value === null || typeof value === "number") && typeof id === "number") return { value, id };
  } catch {
    // fall through: a cursor this server did not make
  }
  throw new InvalidInputError("The page cursor is not one this list made: start from the first page.");
}

