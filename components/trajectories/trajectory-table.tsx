"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useWindowVirtualizer } from "@tanstack/react-virtual";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { formatCount } from "@/components/ui/format";
import { QueryError } from "@/components/ui/query-error";
import { Table } from "@/components/ui/table";
import { type ListView, listInput, listViewQuery, nextTrajectoryCursor, parseListView } from "./list-params";
import { ListFilters } from "./list-filters";
import { SavedViews } from "./saved-views";
import { type SortHeader, TrajectoryBody, TrajectoryHead } from "./trajectory-rows";

/** A row's height before it is measured (two lines: agent and model). */
const ROW_HEIGHT = 45;
/** Load the next page when the rows shown come this close to the end of those loaded. */
const LOAD_AHEAD_ROWS = 25;

/**
 * Trajectories filtered and sorted on the server, a page at a time; the view is the URL, so it
 * can be shared and survives a reload. The first page arrives prefetched by the server. Only the
 * rows in and near the window are in the DOM, and scrolling near the end loads the next page, so
 * the list stays quick however far one scrolls.
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

  const rows = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  const filtered = Object.keys(view.filter).length > 0;
  const total = overview?.trajectories;

  const tableRef = useRef<HTMLDivElement>(null);
  // Where the table starts in the page: the filters above it wrap with the window's width.
  const [tableTop, setTableTop] = useState(0);
  useLayoutEffect(() => {
    const top = (tableRef.current?.getBoundingClientRect().top ?? 0) + window.scrollY;
    if (Math.abs(top - tableTop) > 1) setTableTop(top);
  }, [tableTop, view, rows.length]);
  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin: tableTop,
    // The server renders the first screenful before any window exists to measure.
    initialRect: { width: 1280, height: 1000 },
  });
  const shown = virtualizer.getVirtualItems();
  const lastShown = shown.at(-1)?.index ?? 0;
  const { hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = list;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isFetchNextPageError && lastShown >= rows.length - LOAD_AHEAD_ROWS) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage, lastShown, rows.length]);
  const padding = { top: (shown[0]?.start ?? tableTop) - tableTop, bottom: virtualizer.getTotalSize() - ((shown.at(-1)?.end ?? tableTop) - tableTop) };

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-end gap-3 border-b border-border pb-3">
        <SavedViews query={listViewQuery(view)} onOpen={(query) => router.push(`${pathname}${query}`, { scroll: false })} />
        {/* A dataset keeps the filter (not the sort): its members are chosen by curation options. */}
        <Link className="text-xs underline" href={`/datasets?filter=${encodeURIComponent(listViewQuery({ sort: "created", dir: "desc", filter: view.filter }).slice(1))}`}>
          Save as dataset…
        </Link>
      </div>
      <ListFilters view={view} onChange={go} />
      {list.isPending ? (
        <p className="text-sm text-muted">Loading trajectories…</p>
      ) : list.isError ? (
        <QueryError what="trajectories" onRetry={() => list.refetch()} />
      ) : rows.length === 0 ? (
        <p className="text-sm text-muted">No trajectory matches these filters.</p>
      ) : (
        <div ref={tableRef}>
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
          <TrajectoryBody rows={rows} window={{ items: shown, measure: virtualizer.measureElement, ...padding }} />
        </Table>
        </div>
      )}
    </div>
  );
}
