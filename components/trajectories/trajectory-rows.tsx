import Link from "next/link";
import type { ReactNode } from "react";
import type { TrajectoryRow } from "@/components/api-types";
import { ChipList } from "@/components/ui/badge";
import { formatCount } from "@/components/ui/format";
import { Metric } from "@/components/ui/metric";
import { RelativeTime } from "@/components/ui/relative-time";
import { TBody, THead, Td, Th, Tr } from "@/components/ui/table";
import { OutcomeBadge } from "./outcome-badge";

const METRICS = {
  tor: { label: "TOR", title: "Targeted Observation Ratio: share of acts whose target was observed first" },
  var: { label: "VAR", title: "Verify-after-act: share of acts followed by a check of their effect" },
  egs: { label: "EGS", title: "Environment-Grounded Supervision: mean of TOR, VAR and closed loop" },
} as const;

/** A sortable column's link: where clicking its header goes, and whether it is the sort now. */
export type SortHeader = (key: "steps" | "tor" | "var" | "egs" | "created") => { href: string; active: "asc" | "desc" | null };

function Sortable({ sort, k, children }: { sort?: SortHeader; k: Parameters<SortHeader>[0]; children: ReactNode }) {
  if (!sort) return <>{children}</>;
  const { href, active } = sort(k);
  return (
    <Link href={href} scroll={false} className="hover:text-text" aria-sort={active === "asc" ? "ascending" : active === "desc" ? "descending" : undefined}>
      {children}
      {active && <span aria-hidden="true">{active === "asc" ? " ↑" : " ↓"}</span>}
    </Link>
  );
}

/** Header and rows of the trajectories table; the overview's latest imports use the compact form. */
export function TrajectoryHead({ compact = false, sort }: { compact?: boolean; sort?: SortHeader }) {
  const metrics = compact ? (["egs"] as const) : (["tor", "var", "egs"] as const);
  return (
    <THead>
      <Th>Task</Th>
      <Th>Agent · model</Th>
      <Th>Outcome</Th>
      <Th numeric>
        <Sortable sort={sort} k="steps">
          Steps
        </Sortable>
      </Th>
      {metrics.map((m) => (
        <Th key={m} numeric title={METRICS[m].title}>
          <Sortable sort={sort} k={m}>
            {METRICS[m].label}
          </Sortable>
        </Th>
      ))}
      {!compact && <Th>Failure tags</Th>}
      <Th align="right">
        <Sortable sort={sort} k="created">
          Imported
        </Sortable>
      </Th>
    </THead>
  );
}

/** The rows in and near the window (from a virtualizer) and the height of those left out. */
export type RowWindow = { items: { index: number }[]; top: number; bottom: number; measure(row: HTMLTableRowElement | null): void };

export function TrajectoryBody({ rows, compact = false, window }: { rows: TrajectoryRow[]; compact?: boolean; window?: RowWindow }) {
  const shown = window ? window.items.map((item) => ({ t: rows[item.index]!, index: item.index })) : rows.map((t, index) => ({ t, index }));
  return (
    <TBody>
      {window && window.top > 0 && <tr aria-hidden="true" style={{ height: window.top }} />}
      {shown.map(({ t, index }) => (
        <Tr key={t.id} index={index} rowRef={window?.measure}>
          <Td primary title={t.task ?? undefined} className="font-medium">
            <Link href={`/trajectories/${t.id}`} className="hover:underline">
              {t.task ?? <span className="font-normal text-muted">no task</span>}
            </Link>
          </Td>
          <Td truncate={compact ? "max-w-44" : "max-w-48"} title={[t.agent, t.model].filter(Boolean).join(" · ")}>
            <span className="block truncate">{t.agent ?? <span className="text-muted">unknown agent</span>}</span>
            {!compact && t.model && <span className="block truncate font-mono text-[11px] text-muted">{t.model}</span>}
          </Td>
          <Td>
            <OutcomeBadge resolved={t.resolved} reward={t.reward} />
          </Td>
          <Td numeric>{formatCount(t.stepCount)}</Td>
          {!compact && (
            <>
              <Td numeric>
                <Metric value={t.tor} label="TOR" />
              </Td>
              <Td numeric>
                <Metric value={t.var} label="VAR" />
              </Td>
            </>
          )}
          <Td numeric className="font-medium">
            <Metric value={t.egs} label="EGS" />
          </Td>
          {!compact && (
            <Td>
              <ChipList items={t.failureTags} max={1} empty={null} />
            </Td>
          )}
          <Td muted align="right" className="text-xs">
            <RelativeTime date={t.createdAt} />
          </Td>
        </Tr>
      ))}
      {window && window.bottom > 0 && <tr aria-hidden="true" style={{ height: window.bottom }} />}
    </TBody>
  );
}
