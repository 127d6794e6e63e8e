import { sql } from "drizzle-orm";
import { type Db, arrayOf, rowsOf } from "@/db/client";

/** One teacher on one task: its attempts and how they went. */
export type MatrixCell = {
  task: string;
  agent: string;
  attempts: number;
  /** Attempts with a known outcome, and how many of those resolved the task. */
  judged: number;
  resolved: number;
  /** pass@1 = resolved / judged; pass@k (k = judged) = whether any attempt resolved it. */
  passAt1: number | null;
  passAtK: number | null;
  meanSteps: number;
  meanEgs: number | null;
  /** The attempts, best EGS first: what the compare view opens. */
  trajectoryIds: number[];
};

/**
 * The task × teacher matrix: for every task run by at least `minTrajectories` trajectories (or
 * one named task), each teacher's attempts, resolved rate, pass@k, mean steps and mean EGS.
 */
export async function taskTeacherMatrix(db: Db, options: { task?: string; minTrajectories?: number; limitTasks?: number } = {}): Promise<MatrixCell[]> {
  const min = options.minTrajectories ?? 2;
  const result = await db.execute(sql`
    with chosen as (
      select t.task_id from trajectories t join tasks k on k.id = t.task_id
      ${options.task ? sql`where k.name = ${options.task}` : sql``}
      group by t.task_id having count(*) >= ${options.task ? 1 : min}
      order by count(*) desc, t.task_id limit ${options.limitTasks ?? 500}
    )
    select k.name as task, coalesce(a.name, '(unknown)') as agent,
      count(*)::int as attempts, count(t.resolved)::int as judged, count(*) filter (where t.resolved)::int as resolved,
      avg(t.step_count)::float8 as mean_steps, avg(t.egs)::float8 as mean_egs,
      array_agg(t.id order by t.egs desc nulls last, t.id) as ids
    from trajectories t
    join chosen c on c.task_id = t.task_id
    join tasks k on k.id = t.task_id
    left join agents a on a.id = t.agent_id
    group by k.name, coalesce(a.name, '(unknown)')
    order by k.name, mean_egs desc nulls last, agent`);
  return rowsOf(result).map((r) => {
    const judged = Number(r.judged);
    const resolved = Number(r.resolved);
    return {
      task: String(r.task),
      agent: String(r.agent),
      attempts: Number(r.attempts),
      judged,
      resolved,
      passAt1: judged ? resolved / judged : null,
      passAtK: judged ? (resolved > 0 ? 1 : 0) : null,
      meanSteps: Number(r.mean_steps ?? 0),
      meanEgs: r.mean_egs === null || r.mean_egs === undefined ? null : Math.round(Number(r.mean_egs) * 1e6) / 1e6,
      trajectoryIds: arrayOf(r.ids).map(Number),
    };
  });
}
