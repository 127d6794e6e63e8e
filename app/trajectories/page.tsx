import type { Metadata } from "next";
import { ImportGuide } from "@/components/overview/import-guide";
import { nextTrajectoryCursor, trajectoryListInput } from "@/components/trajectories/list-options";
import { TrajectoryTable } from "@/components/trajectories/trajectory-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { HydrateClient, getQueryClient, trpc } from "@/server/trpc/rsc";

export const metadata: Metadata = { title: "Trajectories" };

export default async function TrajectoriesPage() {
  const queryClient = getQueryClient();
  const [first, health] = await Promise.all([
    queryClient.fetchInfiniteQuery(
      trpc.trajectories.list.infiniteQueryOptions(trajectoryListInput, { getNextPageParam: nextTrajectoryCursor }),
    ),
    queryClient.fetchQuery(trpc.system.health.queryOptions()),
  ]);
  const empty = first.pages[0]?.items.length === 0;

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
