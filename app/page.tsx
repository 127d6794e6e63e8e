import Link from "next/link";
import { DatabaseStatus } from "@/components/overview/database-status";
import { ImportGuide } from "@/components/overview/import-guide";
import { ImportMore } from "@/components/overview/import-more";
import { StatGrid } from "@/components/overview/stat-grid";
import { TagLegend } from "@/components/overview/tag-legend";
import { TrajectoryBody, TrajectoryHead } from "@/components/trajectories/trajectory-rows";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table } from "@/components/ui/table";
import { getQueryClient, trpc } from "@/server/trpc/rsc";

const LATEST = 8;

export default async function OverviewPage() {
  const queryClient = getQueryClient();
  const [counts, health] = await Promise.all([
    queryClient.fetchQuery(trpc.system.overview.queryOptions()),
    queryClient.fetchQuery(trpc.system.health.queryOptions()),
  ]);
  const header = (
    <PageHeader
      title="Overview"
      description="What is in this studio, and how well its trajectories show their work against the environment."
      actions={<DatabaseStatus health={health} />}
    />
  );

  if (counts.trajectories === 0) {
    const anything = Object.values(counts).some((n) => n > 0);
    return (
      <>
        {header}
        {anything && (
          <div className="mb-6">
            <StatGrid counts={counts} />
          </div>
        )}
        <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
          <EmptyState
            title="Import your first trajectories"
            description="Trajectory Studio reads agent runs from the common harnesses, tags every command as inspect, act or verify, and scores each trajectory."
          >
            <ImportGuide db={health.db} />
          </EmptyState>
          <TagLegend />
        </div>
      </>
    );
  }

  const latest = await queryClient.fetchQuery(trpc.trajectories.list.queryOptions({ limit: LATEST }));
  return (
    <>
      {header}
      <StatGrid counts={counts} />
      <div className="mt-8 grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <section aria-labelledby="latest-imports" className="min-w-0">
          <div className="mb-2 flex items-baseline justify-between gap-4">
            <h2 id="latest-imports" className="text-sm font-semibold">
              Latest imports
            </h2>
            <Link href="/trajectories" className="text-xs font-medium text-accent hover:underline">
              All trajectories
            </Link>
          </div>
          <Table caption={`The ${LATEST} most recently imported trajectories`}>
            <TrajectoryHead compact />
            <TrajectoryBody rows={latest.items} compact />
          </Table>
        </section>
        <div className="space-y-6">
          <TagLegend />
          <ImportMore />
        </div>
      </div>
    </>
  );
}
