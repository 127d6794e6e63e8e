"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { formatCount } from "@/components/ui/format";
import { QueryError } from "@/components/ui/query-error";
import { Table } from "@/components/ui/table";
import { type ListView, listInput, listViewQuery, nextTrajectoryCursor, parseListView } from "./list-params";
import { ListFilters } from "./list-filters";
import { type SortHeader, TrajectoryBody, TrajectoryHead } from "./trajectory-rows";

/**
 * Trajectories filtered and sorted on the server, a page at a time; the view is the URL, so it
 * can be shared and survives a reload. The first page arrives prefetched by the server.
 */
export function TrajectoryTable() {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const view = useMemo(() => parseListView(searchParams), [searchParams]);
  const list = useInfiniteQuery(trpc.trajectories.list.infiniteQueryOptions(listInput(view), { getNextPageParam: nextTrajectoryCursor }));
  const { data: overview } = useQuery(trpc.system.overview.queryOptions());

  const go = (next: ListView) => router.replace(`${pathname}${listViewQuery(next)}`, { scroll: false });
  const sort: SortHeader = (key) => {
    const active = view.sort === key ? view.dir : null;
    // A click on the active column flips it; a new column starts with the highest first.
    const dir = active === "desc" ? "asc" : "desc";
    return { href: `${pathname}${listViewQuery({ ...view, sort: key, dir })}`, active };
  };

  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = Object.keys(view.filter).length > 0;
  const total = overview?.trajectories;
  return (
    <div className="flex flex-col gap-3">
      <ListFilters view={view} onChange={go} />
      {list.isPending ? (
        <p className="text-sm text-muted">Loading trajectories…</p>
      ) : list.isError ? (
        <QueryError what="trajectories" onRetry={() => list.refetch()} />
      ) : rows.length === 0 ? (
        <p className="text-sm text-muted">No trajectory matches these filters.</p>
      ) : (
        <Table
          caption="Imported trajectories"
          footer={
            <div className="flex flex-wrap items-center justify-between gap-2">
              <span aria-live="polite">
                Showing {formatCount(rows.length)}
                {!filtered && total !== undefined && total >= rows.length ? ` of ${formatCount(total)}` : list.hasNextPage ? "" : " (all that match)"}
              </span>
              {list.hasNextPage && (
                <Button onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
                  {list.isFetchingNextPage ? "Loading…" : "Load more"}
                </Button>
              )}
              {list.isFetchNextPageError && <span className="text-danger">Could not load more. Try again.</span>}
            </div>
          }
        >
          <TrajectoryHead sort={sort} />
          <TrajectoryBody rows={rows} />
        </Table>
      )}
    </div>
  );
}
