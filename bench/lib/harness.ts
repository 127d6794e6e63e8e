/** What a benchmark reports: one row per measured figure, with its baseline from the same run. */
export type Figure = {
  name: string;
  unit: string;
  /** The samples; the table shows their median and spread. */
  samples: number[];
  /** The same measurement of the floor (what cannot be beaten), taken in the same run. */
  baseline?: { name: string; samples: number[] };
  /** A target on the ratio to the baseline, printed next to it (never asserted). */
  target?: string;
};

export type Benchmark = {
  name: string;
  description: string;
  run(env: BenchEnv): Promise<Figure[]>;
};

export type BenchEnv = {
  /** A PostgreSQL server URL for the PostgreSQL variants (scripts/bench.sh starts one). */
  postgresUrl?: string;
  /** Repetitions per figure (BENCH_RUNS, default 5). */
  runs: number;
  log(message: string): void;
};

export function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Milliseconds `fn` took. */
export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}
