import { sql } from "drizzle-orm";
import { type Db, arrayOf, rowsOf } from "@/db/client";

export type Quantiles = { p10: number; p25: number; p50: number; p75: number; p90: number } | null;

export type AgentStats = {
  name: string;
  model: string | null;
  trajectories: number;
  /** Trajectories with a known outcome, and how many of those were resolved. */
  judged: number;
  resolved: number;
  resolvedRate: number | null;
  meanSteps: number;
  /** Means over trajectories with acts (the metrics are undefined without one). */
  tor: number | null;
  var: number | null;
  closedLoop: number | null;
  iavCycles: number | null;
  egs: number | null;
  /** Mean share of agent actions by tag. */
  tagShares: { inspect: number; act: number; verify: number; other: number };
  distribution: { tor: Quantiles; var: Quantiles; egs: Quantiles };
};

const QUANTILES = sql.raw("array[0.1, 0.25, 0.5, 0.75, 0.9]");

/**
 * Per teacher: outcome, length, and the mean and spread of every metric — the data behind
 * "teacher score vs EGS". Trajectories without an agent are grouped under "(unknown)".
 */
export async function agentStats(db: Db): Promise<AgentStats[]> {
  const result = await db.execute(sql`
    select coalesce(a.name, '(unknown)') as name, max(a.model) as model,
      count(*)::int as trajectories,
      count(t.resolved)::int as judged,
      count(*) filter (where t.resolved)::int as resolved,
      avg(t.step_count)::float8 as mean_steps,
      avg(t.tor)::float8 as tor, avg(t.var)::float8 as var, avg(t.closed_loop)::float8 as closed_loop,
      avg(t.iav_cycles)::float8 as iav_cycles, avg(t.egs)::float8 as egs,
      avg((t.metrics_detail->'shares'->>'inspect')::float8) as share_inspect,
      avg((t.metrics_detail->'shares'->>'act')::float8) as share_act,
      avg((t.metrics_detail->'shares'->>'verify')::float8) as share_verify,
      avg((t.metrics_detail->'shares'->>'other')::float8) as share_other,
      percentile_cont(${QUANTILES}) within group (order by t.tor) as q_tor,
      percentile_cont(${QUANTILES}) within group (order by t.var) as q_var,
      percentile_cont(${QUANTILES}) within group (order by t.egs) as q_egs
    from trajectories t left join agents a on a.id = t.agent_id
    group by coalesce(a.name, '(unknown)')
    order by egs desc nulls last, name`);
  const rows = rowsOf(result);
  return rows.map((r) => {
    const judged = Number(r.judged);
    const resolved = Number(r.resolved);
    return {
      name: String(r.name),
      model: (r.model as string | null) ?? null,
      trajectories: Number(r.trajectories),
      judged,
      resolved,
      resolvedRate: judged ? resolved / judged : null,
      meanSteps: Number(r.mean_steps ?? 0),
      tor: num(r.tor),
      var: num(r.var),
      closedLoop: num(r.closed_loop),
      iavCycles: num(r.iav_cycles),
      egs: num(r.egs),
      tagShares: { inspect: num(r.share_inspect) ?? 0, act: num(r.share_act) ?? 0, verify: num(r.share_verify) ?? 0, other: num(r.share_other) ?? 0 },
      distribution: { tor: quantiles(r.q_tor), var: quantiles(r.q_var), egs: quantiles(r.q_egs) },
    };
  });
}

/** Metrics are stored as 4-byte floats: six decimals is all they hold (0.6666667, not 0.6666666865). */
function num(value: unknown): number | null {
  return value === null || value === undefined ? null : Math.round(Number(value) * 1e6) / 1e6;
}

/** percentile_cont over an array: PGlite returns an array, postgres.js a "{…}" literal. */
function quantiles(value: unknown): Quantiles {
  if (value === null || value === undefined) return null;
  const list = arrayOf(value).map(num) as number[];
  if (list.some((v) => Number.isNaN(v))) return null;
  const [p10, p25, p50, p75, p90] = list as [number, number, number, number, number];
  return { p10, p25, p50, p75, p90 };
}
