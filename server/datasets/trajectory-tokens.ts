import { sql } from "drizzle-orm";
import { type Db, rowsOf } from "@/db/client";
import { tokenCounter } from "../exports/count-tokens";

const BATCH = 500;

/**
 * Tokens of each trajectory's steps — prompt and harness text, thoughts, commands and outputs —
 * counted by the tokenizer of the target model family (the token budget of curation). The chat
 * format's few tokens per message are not included: a budget is a length, not an exact fit.
 */
export async function countTrajectoryTokens(db: Db, trajectoryIds: number[], family: string): Promise<Map<number, number>> {
  const counter = tokenCounter(family);
  const counts = new Map<number, number>();
  for (let start = 0; start < trajectoryIds.length; start += BATCH) {
    const ids = trajectoryIds.slice(start, start + BATCH);
    const rows = rowsOf<{ trajectory_id: number; thought: string | null; action: string | null; observation: string | null }>(
      await db.execute(sql`select trajectory_id, thought, action, observation from steps where trajectory_id = any(${`{${ids.join(",")}}`}::bigint[])`),
    );
    for (const id of ids) counts.set(id, 0);
    for (const r of rows) {
      const id = Number(r.trajectory_id);
      counts.set(id, counts.get(id)! + [r.thought, r.action, r.observation].reduce((n, text) => n + (text ? counter.count(text) : 0), 0));
    }
  }
  return counts;
}
