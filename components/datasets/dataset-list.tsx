"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/components/trpc/provider";
import { RelativeTime } from "@/components/ui/relative-time";

/** Datasets by name, each with its description and when it last changed. */
export function DatasetList() {
  const trpc = useTRPC();
  const { data: datasets } = useSuspenseQuery(trpc.datasets.list.queryOptions());
  if (datasets.length === 0) return <p className="text-sm text-muted">No datasets.</p>;

  return (
    <ul aria-label="Datasets" className="divide-y divide-border overflow-hidden rounded-lg border border-border bg-surface">
      {datasets.map((d) => (
        <li key={d.id} className="flex items-start justify-between gap-4 px-4 py-3">
          <div className="min-w-0">
            <Link href={`/datasets/${encodeURIComponent(d.name)}`} className="block truncate font-mono text-[13px] font-medium hover:underline" title={d.name}>
              {d.name}
            </Link>
            <p className="mt-0.5 line-clamp-2 text-sm text-muted">{d.description || "No description."}</p>
          </div>
          <p className="shrink-0 text-xs whitespace-nowrap text-muted">
            updated <RelativeTime date={d.updatedAt} />
          </p>
        </li>
      ))}
    </ul>
  );
}
