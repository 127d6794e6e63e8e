import type { Metadata } from "next";
import { ImportGuide } from "@/components/overview/import-guide";
import { listInput, nextTrajectoryCursor, parseListView } from "@/components/trajectories/list-params";
import { TrajectoryTable } from "@/components/trajectories/trajectory-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { HydrateClient, getQueryClient, trpc } from "@/server/trpc/rsc";

export const metadata: Metadata = { title: "Trajectories" };

function toParams(record: Record<string, string | string[] | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(record)) for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, v);
  return params;
}

export default async function TrajectoriesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const view = parseListView(toParams(await searchParams));
  const queryClient = getQueryClient();
  const [overview, health] = await Promise.all([
    queryClient.fetchQuery(trpc.system.overview.queryOptions()),
    queryClient.fetchQuery(trpc.system.health.queryOptions()),
    queryClient.prefetchInfiniteQuery(trpc.trajectories.list.infiniteQueryOptions(listInput(view), { getNextPageParam: nextTrajectoryCursor })),
    queryClient.prefetchQuery(trpc.agents.list.queryOptions()),
  ]);
  const empty = overview.trajectories === 0;

  return (
    <>
      <PageHeader
        title="Trajectories"
        description="Every imported run with its outcome and how grounded it is: TOR, VAR and EGS per trajectory."
      />
      {empty ? (
        <EmptyState
          title="No trajectories yet"
          description="Trajectories come from agent runs you import. Each one is tagged step by step and scored when it is stored."
        >
          <ImportGuide db={health.db} />
        </EmptyState>
      ) : (
        <HydrateClient>
          <TrajectoryTable />
        </HydrateClient>
      )}
    </>
  );
}
