import { sql } from "drizzle-orm";
import { type Db, rowsOf } from "@/db/client";
import { stepsSearchVector } from "./search-lexemes";

const BATCH = 200;

/**
 * Indexes the trajectories stored before search existed (imports index their own). Runs after
 * migrations when a database opens; a no-op once every row has its words.
 */
export async function indexUnsearchedTrajectories(db: Db, log?: (message: string) => void): Promise<number> {
  let done = 0;
  for (;;) {
    const ids = rowsOf<{ id: number }>(
      await db.execute(sql`select id from trajectories t where not exists (select 1 from trajectory_search s where s.trajectory_id = t.id) order by id limit ${BATCH}`),
    ).map((r) => Number(r.id));
    if (ids.length === 0) return done;
    if (done === 0) log?.("Indexing stored trajectories for full-text search…");
    const steps = rowsOf<{ trajectory_id: number; action: string | null; observation: string | null }>(
      await db.execute(sql`select trajectory_id, action, observation from steps where trajectory_id = any(${`{${ids.join(",")}}`}::bigint[]) order by trajectory_id, index`),
    );
    const byTrajectory = new Map<number, typeof steps>(ids.map((id) => [id, []]));
    for (const step of steps) byTrajectory.get(Number(step.trajectory_id))!.push(step);
    const rows = [...byTrajectory].map(([id, list]) => ({ id, words: stepsSearchVector(list) }));
    // Lexemes are letters, digits and underscores: never a NUL or a lone surrogate to sanitize.
    await db.execute(sql`insert into trajectory_search (trajectory_id, words)
      select id, words::tsvector from json_to_recordset(${JSON.stringify(rows)}::json) as x(id bigint, words text)
      on conflict (trajectory_id) do nothing`);
    done += ids.length;
  }
}
