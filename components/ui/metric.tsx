import { formatPercent } from "./format";

/** A metric in [0, 1] as a percentage, or a dash that says why there is none. */
export function Metric({ value, label }: { value: number | null | undefined; label: string }) {
  return value == null ? <span title={`${label} not computed (no act to ground)`}>—</span> : formatPercent(value);
}
