import type { TrajectoryRow } from "@/components/api-types";

export type ComparableTask = {
  task: string;
  trajectories: number;
  agents: string[];
  resolved: number;
  /** Trajectories with a known outcome (resolved is not null). */
  judged: number;
  egsMin: number | null;
  egsMax: number | null;
};

/** Tasks with at least two trajectories: the ones a side-by-side comparison is possible for. */
export function comparableTasks(rows: readonly TrajectoryRow[]): ComparableTask[] {
  const byTask = new Map<string, TrajectoryRow[]>();
  for (const row of rows) {
    if (!row.task) continue;
    byTask.set(row.task, [...(byTask.get(row.task) ?? []), row]);
  }
  return [...byTask.entries()]
    .filter(([, group]) => group.length >= 2)
    .map(([task, group]) => {
      const egs = group.map((t) => t.egs).filter((v): v is number => v != null);
      return {
        task,
        trajectories: group.length,
        agents: [...new Set(group.map((t) => t.agent ?? "unknown"))].sort(),
        resolved: group.filter((t) => t.resolved === true).length,
        judged: group.filter((t) => t.resolved != null).length,
        egsMin: egs.length ? Math.min(...egs) : null,
        egsMax: egs.length ? Math.max(...egs) : null,
      };
    })
    .sort((a, b) => b.agents.length - a.agents.length || b.trajectories - a.trajectories || a.task.localeCompare(b.task));
}
