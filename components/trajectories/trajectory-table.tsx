"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { formatCount } from "@/components/ui/format";
import { QueryError } from "@/components/ui/query-error";
import { Table } from "@/components/ui/table";
import { nextTrajectoryCursor, trajectoryListInput } from "./list-options";
import { TrajectoryBody, TrajectoryHead } from "./trajectory-rows";

/** All trajectories, newest first, a page at a time. The first page arrives prefetched by the server. */
export function TrajectoryTable() {
  const trpc = useTRPC();
  const list = useInfiniteQuery(
    trpc.trajectories.list.infiniteQueryOptions(trajectoryListInput, { getNextPageParam: nextTrajectoryCursor }),
  );
  const { data: overview } = useQuery(trpc.system.overview.queryOptions());

  if (list.isPending) return <p className="text-sm text-muted">Loading trajectories…</p>;
  if (list.isError) return <QueryError what="trajectories" onRetry={() => list.refetch()} />;

  const rows = list.data.pages.flatMap((page) => page.items);
  if (rows.length === 0) return <p className="text-sm text-muted">No trajectories.</p>;

  const total = overview?.trajectories;
  return (
    <Table
      caption="Imported trajectories, newest first"
      footer={
        <div className="flex flex-wrap items-center justify-between gap-2">
          <span aria-live="polite">
            Showing {formatCount(rows.length)}
            {total !== undefined && total >= rows.length ? ` of ${formatCount(total)}` : ""}
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
      <TrajectoryHead />
      <TrajectoryBody rows={rows} />
    </Table>
  );
}
