import { sql } from "drizzle-orm";
import { type Db, rowsOf } from "@/db/client";
import { stepsSearchVector } from "./search-lexemes";

const BATCH = 200;

/**
 * Indexes the trajectories stored before search existed (every import indexes its own). Runs when
 * a database opens, so the check is two index probes: a database migrated from before search has
 * trajectories and no words at all; the whole backfill is one transaction, so it never stops
 * half-way into a state this check would miss.
 */
export async function indexUnsearchedTrajectories(db: Db, log?: (message: string) => void): Promise<number> {
  const [state] = rowsOf<{ needed: boolean }>(
    await db.execute(sql`select exists (select 1 from trajectories) and not exists (select 1 from trajectory_search) as needed`),
  );
  if (!state?.needed) return 0;
  log?.("Indexing stored trajectories for full-text search…");
  return db.transaction(async (tx) => {
    let done = 0;
    for (let after = 0; ; ) {
      const ids = rowsOf<{ id: number }>(await tx.execute(sql`select id from trajectories where id > ${after} order by id limit ${BATCH}`)).map((r) => Number(r.id));
      if (ids.length === 0) return done;
      const steps = rowsOf<{ trajectory_id: number; action: string | null; observation: string | null }>(
        await tx.execute(sql`select trajectory_id, action, observation from steps where trajectory_id = any(${`{${ids.join(",")}}`}::bigint[]) order by trajectory_id, index`),
      );
      const byTrajectory = new Map<number, typeof steps>(ids.map((id) => [id, []]));
      for (const step of steps) byTrajectory.get(Number(step.trajectory_id))!.push(step);
      const rows = [...byTrajectory].map(([id, list]) => ({ id, words: stepsSearchVector(list) }));
      // Lexemes are letters, digits and underscores: never a NUL or a lone surrogate to sanitize.
      await tx.execute(sql`insert into trajectory_search (trajectory_id, words)
        select id, words::tsvector from json_to_recordset(${JSON.stringify(rows)}::json) as x(id bigint, words text)`);
      done += ids.length;
      after = ids.at(-1)!;
    }
  });
}
