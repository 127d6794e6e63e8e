import type { ImportProgress } from "../imports/import-sources";

/**
 * One self-rewriting line on stderr: files done, trajectories per second, time left. Only on a
 * terminal — piped or --json output gets no progress noise.
 */
export function importProgressBar(stream: NodeJS.WriteStream = process.stderr) {
  if (!stream.isTTY) return { update: () => {}, done: () => {} };
  const started = performance.now();
  let last = 0;
  return {
    update(p: ImportProgress) {
      const now = performance.now();
      if (now - last < 100 && p.done < p.total) return; // at most 10 redraws a second
      last = now;
      const seconds = (now - started) / 1000;
      const rate = seconds > 0 ? p.trajectories / seconds : 0;
      const eta = p.done > 0 ? ((p.total - p.done) * seconds) / p.done : undefined;
      const width = 24;
      const filled = p.total ? Math.round((p.done / p.total) * width) : 0;
      const bar = `${"█".repeat(filled)}${"░".repeat(width - filled)}`;
      const text = `${bar} ${p.done}/${p.total} files · ${p.trajectories} trajectories · ${rate.toFixed(0)}/s${eta !== undefined ? ` · ${eta.toFixed(0)}s left` : ""}`;
      stream.write(`\r${text.slice(0, (stream.columns ?? 100) - 1).padEnd(Math.min(text.length, (stream.columns ?? 100) - 1))}\u001b[K`);
    },
    done() {
      stream.write("\r\u001b[K");
    },
  };
}
