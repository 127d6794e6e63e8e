import { type Figure, median } from "./harness";

const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

/** A plain-text table: figure, median [min–max], baseline median, ratio to baseline, target. */
export function formatFigures(benchmark: string, figures: Figure[]): string {
  const rows = figures.map((f) => {
    const m = median(f.samples);
    const spread = `${fmt(Math.min(...f.samples))}–${fmt(Math.max(...f.samples))}`;
    const base = f.baseline ? median(f.baseline.samples) : undefined;
    return [
      f.name,
      `${fmt(m)} ${f.unit}`,
      `[${spread}] n=${f.samples.length}`,
      base === undefined ? "" : `${f.baseline!.name} ${fmt(base)} ${f.unit}`,
      base === undefined ? "" : `×${fmt(m / base)}`,
      f.target ?? "",
    ];
  });
  const header = ["figure", "median", "spread", "baseline (median)", "ratio", "target"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  return [`## ${benchmark}`, line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
