"use client";

import { useMutation, useQuery, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { formatCount } from "@/components/ui/format";
import { VersionCard } from "./version-card";

/**
 * A dataset: its filter and options, what freezing now would select (and why the rest is left
 * out), the Freeze button, and every frozen version with its exports and students.
 */
export function DatasetDetail({ name }: { name: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const running = (data: { versions: { exports: { status: string }[] }[] } | undefined) => data?.versions.some((v) => v.exports.some((e) => e.status === "running")) ?? false;
  const { data: dataset } = useSuspenseQuery({ ...trpc.datasets.get.queryOptions({ name }), refetchInterval: (q) => (running(q.state.data) ? 700 : false) });
  const preview = useQuery(trpc.datasets.preview.queryOptions({ name }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.datasets.get.queryKey({ name }) });
  const freeze = useMutation(trpc.datasets.freeze.mutationOptions({ onSuccess: refresh }));
  const o = dataset.options;
  const report = preview.data;

  return (
    <div className="flex flex-col gap-4">
      <section aria-label="Selection" className="rounded-lg border border-border bg-surface p-4 text-sm">
        {dataset.description && <p className="mb-2">{dataset.description}</p>}
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-xs">
          <dt className="text-muted">Filter</dt>
          <dd>
            <Link className="font-mono underline" href={`/trajectories${dataset.filter ? `?${dataset.filter}` : ""}`}>
              {dataset.filter || "all trajectories"}
            </Link>
          </dd>
          <dt className="text-muted">Curation</dt>
          <dd>
            {[
              o.outcome === "resolved" ? "resolved only" : "resolved and failed",
              o.minEgs !== undefined && `EGS ≥ ${o.minEgs}`,
              o.minTor !== undefined && `TOR ≥ ${o.minTor}`,
              o.maxPerTask !== undefined && `≤ ${o.maxPerTask} per task`,
              o.balanceTeachers && "teachers balanced",
              o.dedupe && "near-identical runs deduplicated",
              o.tokenBudget && `≤ ${o.tokenBudget.max} tokens (${o.tokenBudget.family})`,
              o.validationShare > 0 && `${Math.round(o.validationShare * 100)}% of tasks for validation (seed ${o.seed})`,
            ]
              .filter(Boolean)
              .join(" · ")}
          </dd>
        </dl>
        <div className="mt-3 flex flex-wrap items-center gap-3">
          <Button variant="primary" disabled={freeze.isPending} onClick={() => freeze.mutate({ name })}>
            {freeze.isPending ? "Freezing…" : "Freeze a new version"}
          </Button>
          <span role="status" className="text-xs text-muted">
            {report
              ? `Freezing now would select ${formatCount(report.members)} of ${formatCount(report.matched + report.included)} (${[
                  report.duplicates && `${report.duplicates} duplicates`,
                  report.overTaskLimit && `${report.overTaskLimit} over the per-task limit`,
                  report.balancedAway && `${report.balancedAway} to balance teachers`,
                  report.excluded && `${report.excluded} excluded by hand`,
                ]
                  .filter(Boolean)
                  .join(", ") || "nothing left out"}; ${report.validation} for validation).`
              : preview.isError
                ? preview.error.message
                : "Counting…"}
          </span>
          {freeze.error && (
            <span role="alert" className="text-xs text-danger">
              {freeze.error.message}
            </span>
          )}
        </div>
      </section>

      {dataset.versions.length === 0 ? (
        <p className="text-sm text-muted">No frozen version yet. Freezing records the members, the options and a content hash; exports reproduce it to the byte.</p>
      ) : (
        dataset.versions.map((v) => <VersionCard key={v.id} dataset={name} version={v} onChange={refresh} />)
      )}
    </div>
  );
}
