import type { ReactNode } from "react";
import { cn } from "./cn";

/*
 * Dense data tables with auto layout: every column takes its content's width except the one
 * `primary` column, which takes the rest and truncates (the `max-w-0 w-full` trick). Below the
 * table's natural width the card scrolls sideways instead of squeezing columns.
 */
export function Table({ caption, children, footer }: { caption: string; children: ReactNode; footer?: ReactNode }) {
  return (
    <div className="overflow-hidden rounded-lg border border-border bg-surface">
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-left text-[13px]">
          <caption className="sr-only">{caption}</caption>
          {children}
        </table>
      </div>
      {footer && <div className="border-t border-border px-4 py-2 text-xs text-muted">{footer}</div>}
    </div>
  );
}

export function THead({ children }: { children: ReactNode }) {
  return (
    <thead className="bg-subtle/60">
      <tr className="border-b border-border">{children}</tr>
    </thead>
  );
}

export function TBody({ children }: { children: ReactNode }) {
  return <tbody className="[&>tr:last-child]:border-b-0">{children}</tbody>;
}

/** `index` and `rowRef` let a virtualizer measure the row (see TrajectoryBody). */
export function Tr({ children, index, rowRef }: { children: ReactNode; index?: number; rowRef?: (row: HTMLTableRowElement | null) => void }) {
  return (
    <tr data-index={index} ref={rowRef} className="border-b border-border/70 transition-colors hover:bg-subtle/50">
      {children}
    </tr>
  );
}

const align = { left: "text-left", right: "text-right", center: "text-center" } as const;

export function Th({
  children,
  numeric,
  align: a,
  title,
}: {
  children?: ReactNode;
  numeric?: boolean;
  align?: keyof typeof align;
  title?: string;
}) {
  return (
    <th
      scope="col"
      title={title}
      className={cn(
        "h-8 px-2.5 text-xs font-medium whitespace-nowrap text-muted first:pl-4 last:pr-4",
        align[a ?? (numeric ? "right" : "left")],
      )}
    >
      {children}
    </th>
  );
}

export function Td({
  children,
  primary,
  truncate,
  title,
  numeric,
  align: a,
  muted,
  mono,
  className,
}: {
  children?: ReactNode;
  /** The column that absorbs the spare width and truncates. One per table. */
  primary?: boolean;
  /** A max-width class (e.g. "max-w-48"): the cell truncates its text beyond it. */
  truncate?: string;
  /** Full text for truncated cells. */
  title?: string;
  numeric?: boolean;
  align?: keyof typeof align;
  muted?: boolean;
  mono?: boolean;
  className?: string;
}) {
  const clipped = primary || truncate;
  return (
    <td
      className={cn(
        "h-9 px-2.5 py-1.5 align-middle first:pl-4 last:pr-4",
        primary ? "w-full max-w-0 min-w-44" : "whitespace-nowrap",
        align[a ?? (numeric ? "right" : "left")],
        numeric && "font-mono text-xs tabular-nums",
        mono && "font-mono text-xs",
        muted && "text-muted",
        className,
      )}
    >
      {clipped ? (
        <div title={title} className={cn("truncate", !primary && truncate)}>
          {children}
        </div>
      ) : (
        children
      )}
    </td>
  );
}
