import Link from "next/link";
import type { ReactNode } from "react";
import { Badge, type Tone } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { EMPTY, formatCount } from "@/components/ui/format";
import { TBody, THead, Table, Th, Tr } from "@/components/ui/table";
import type { ImportResult } from "@/server/imports/import-sources";
import { type Row, type Status, type UploadFailure, headline, idRanges, rowsOf } from "./report-rows";
import { SkippedFiles } from "./skipped-files";

const STATUS: Record<Status, { label: string; tone: Tone }> = {
  imported: { label: "imported", tone: "success" },
  duplicate: { label: "already imported", tone: "neutral" },
  failed: { label: "failed", tone: "danger" },
  "not-uploaded": { label: "not uploaded", tone: "danger" },
};

/** The validation report of an upload: what became trajectories, what was there already, what failed and why. */
export function ImportReport({
  result,
  uploadFailures,
  actions,
  headingRef,
}: {
  result: ImportResult | null;
  uploadFailures: UploadFailure[];
  actions: ReactNode;
  headingRef?: (el: HTMLHeadingElement | null) => void;
}) {
  const rows = rowsOf(result, uploadFailures);
  const failed = (result?.failed.length ?? 0) + uploadFailures.length;
  const skipped = result?.skipped ?? [];
  return (
    <section aria-labelledby="import-report" className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-x-6 gap-y-3">
        <div className="min-w-0">
          <h2 id="import-report" ref={headingRef} tabIndex={-1} className="text-base font-semibold focus-visible:outline-none">
            Import report
          </h2>
          <p className="mt-1 text-sm text-muted">{headline(result, failed, uploadFailures.length)}</p>
        </div>
        <div className="flex flex-wrap items-center gap-2">{actions}</div>
      </div>

      <ul aria-label="Summary" className="flex flex-wrap gap-x-6 gap-y-2 rounded-lg border border-border bg-surface px-4 py-3 text-sm">
        <Count label="sources imported" n={result?.imported ?? 0} />
        <Count label="trajectories" n={result?.trajectories ?? 0} />
        <Count label="steps" n={result?.steps ?? 0} />
        <Count label="duplicates" n={result?.duplicates ?? 0} />
        <Count label="failed" n={failed} tone={failed > 0 ? "text-danger" : undefined} />
        <Count label="skipped" n={skipped.length} />
      </ul>

      {rows.length > 0 && (
        <Table caption="Validation report: one row per imported source, failed ones first">
          <THead>
            <Th>Source</Th>
            <Th>Format</Th>
            <Th>Status</Th>
            <Th numeric>Trajectories</Th>
            <Th numeric>Steps</Th>
            <Th>Warnings and errors</Th>
          </THead>
          <TBody>
            {rows.map((row, i) => (
              <Tr key={`${i}:${row.path}`}>
                <Cell>
                  <Wrap className="max-w-lg min-w-72 font-mono text-xs">{row.path}</Wrap>
                </Cell>
                <Cell mono muted>
                  {row.format ?? EMPTY}
                </Cell>
                <Cell>
                  <Badge tone={STATUS[row.status].tone}>{STATUS[row.status].label}</Badge>
                </Cell>
                <Cell numeric>
                  {row.trajectoryIds.length > 0 ? (
                    <>
                      {formatCount(row.trajectoryIds.length)}
                      <Wrap className="max-w-40 text-muted" title="Trajectory ids">
                        {row.trajectoryIds.length <= 3
                          ? row.trajectoryIds.map((id, k) => (
                              <span key={id}>
                                {k > 0 && ", "}
                                <Link href={`/trajectories/${id}`} className="underline hover:text-text">
                                  #{id}
                                </Link>
                              </span>
                            ))
                          : idRanges(row.trajectoryIds)}
                      </Wrap>
                    </>
                  ) : (
                    <span className="text-muted">{EMPTY}</span>
                  )}
                </Cell>
                <Cell numeric>
                  {row.steps === undefined ? <span className="text-muted">{EMPTY}</span> : formatCount(row.steps)}
                </Cell>
                <Cell>
                  <Details row={row} />
                </Cell>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}

      {skipped.length > 0 && <SkippedFiles skipped={skipped} open={rows.length === 0} />}
    </section>
  );
}

function Count({ label, n, tone }: { label: string; n: number; tone?: string }) {
  return (
    <li className="flex items-baseline gap-1.5">
      <span className={cn("font-semibold tabular-nums", tone)}>{formatCount(n)}</span>
      <span className="text-muted">{label}</span>
    </li>
  );
}

/** Like ui/table's Td, top-aligned: a row grows with its messages and the short cells stay level with its first line. */
function Cell({ children, numeric, mono, muted }: { children: ReactNode; numeric?: boolean; mono?: boolean; muted?: boolean }) {
  return (
    <td
      className={cn(
        "px-2.5 py-2 align-top leading-5 whitespace-nowrap first:pl-4 last:pr-4",
        numeric && "text-right font-mono text-xs tabular-nums",
        mono && "font-mono text-xs",
        muted && "text-muted",
      )}
    >
      {children}
    </td>
  );
}

/** Long paths and messages wrap anywhere instead of being cut off. */
function Wrap({ children, className, title }: { children: ReactNode; className?: string; title?: string }) {
  return (
    <div title={title} className={cn("whitespace-normal [overflow-wrap:anywhere]", className)}>
      {children}
    </div>
  );
}

function Details({ row }: { row: Row }) {
  if (!row.error && row.warnings.length === 0) return <span className="text-muted">{EMPTY}</span>;
  return (
    <div className="max-w-xl min-w-64 space-y-1 text-xs whitespace-normal">
      {row.error && <p className="font-mono whitespace-pre-wrap text-danger [overflow-wrap:anywhere]">{row.error}</p>}
      {row.warnings.length > 0 && (
        <ul className="space-y-0.5">
          {row.warnings.map((warning, i) => (
            <li key={i} className="flex gap-1.5 [overflow-wrap:anywhere]">
              <span className="shrink-0 font-medium text-warning">warning</span>
              <span className="min-w-0">{warning}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

