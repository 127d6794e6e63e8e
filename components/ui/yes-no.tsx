import { CheckIcon } from "./icons";

/** A boolean cell: a check or a dash, with words for screen readers. */
export function YesNo({ value, yes = "yes", no = "no" }: { value: boolean; yes?: string; no?: string }) {
  return value ? (
    <span className="inline-flex text-success" title={yes}>
      <CheckIcon width={14} height={14} />
      <span className="sr-only">{yes}</span>
    </span>
  ) : (
    <span className="text-muted" title={no}>
      <span aria-hidden="true">—</span>
      <span className="sr-only">{no}</span>
    </span>
  );
}
