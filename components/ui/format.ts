/*
 * Formatting with a fixed locale: server and browser must produce the same text for hydration,
 * and a research tool reads best with one number style everywhere.
 */
const integer = new Intl.NumberFormat("en-US");
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

export const EMPTY = "—";

export function formatCount(n: number): string {
  return integer.format(n);
}

export function formatCompact(n: number): string {
  return n < 10_000 ? integer.format(n) : compact.format(n);
}

/** A ratio in [0, 1] as a percentage with one decimal (TOR 2.5 % vs 13.4 % matters), "—" if unknown. */
export function formatPercent(ratio: number | null | undefined): string {
  if (ratio == null || Number.isNaN(ratio)) return EMPTY;
  return `${(ratio * 100).toFixed(1)}%`;
}

export function formatReward(reward: number | null | undefined): string {
  if (reward == null || Number.isNaN(reward)) return EMPTY;
  return Number.isInteger(reward) ? String(reward) : reward.toFixed(2);
}

/** 850ms, 12.4s, 3m 05s, 2h 10m. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms == null || ms < 0) return EMPTY;
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(Math.floor(s % 60)).padStart(2, "0")}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, "0")}m`;
}
