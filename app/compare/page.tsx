import type { Metadata } from "next";
import { CompareView } from "@/components/compare/compare-view";
import { TaskMatrixTable } from "@/components/compare/task-matrix-table";
import { CodeBlock } from "@/components/ui/code-block";
import { EmptyState, EmptyStateStep } from "@/components/ui/empty-state";
import { formatCount } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { HydrateClient, getQueryClient, trpc } from "@/server/trpc/rsc";

export const metadata: Metadata = { title: "Compare" };

/** At most this many trajectories side by side. */
const MAX_SIDE_BY_SIDE = 4;

const importMore = (
  <EmptyStateStep title="Import runs of several agents on the same tasks">
    <CodeBlock code={"npx trajstudio import ./runs/agent-a ./runs/agent-b"} />
  </EmptyStateStep>
);

export default async function ComparePage({ searchParams }: { searchParams: Promise<{ ids?: string }> }) {
  const queryClient = getQueryClient();
  const ids = [...new Set((await searchParams).ids?.split(",").map(Number) ?? [])].filter((n) => Number.isSafeInteger(n) && n > 0).slice(0, MAX_SIDE_BY_SIDE);
  const header = (
    <PageHeader
      title="Compare"
      description="Trajectories of the same task side by side — different teachers, or several attempts of one — and every task by teacher."
    />
  );

  if (ids.length >= 2) {
    const found = await Promise.all(ids.map((id) => queryClient.fetchQuery(trpc.trajectories.get.queryOptions({ id })).catch(() => null)));
    const missing = ids.filter((_, i) => !found[i]);
    if (missing.length === 0) {
      await Promise.all(ids.map((id) => queryClient.prefetchQuery(trpc.trajectories.replay.queryOptions({ id }))));
      return (
        <>
          {header}
          <HydrateClient>
            <CompareView ids={ids} />
          </HydrateClient>
        </>
      );
    }
    return (
      <>
        {header}
        <EmptyState title="Some trajectories are not here" description={`No trajectory with id ${missing.join(", ")}.`} />
      </>
    );
  }

  const cells = await queryClient.fetchQuery(trpc.compare.matrix.queryOptions({}));
  const tasks = new Set(cells.map((c) => c.task)).size;
  return (
    <>
      {header}
      {cells.length === 0 ? (
        <EmptyState title="No task has two trajectories yet" description="Comparisons open up once two or more runs share a task.">
          {importMore}
        </EmptyState>
      ) : (
        <TaskMatrixTable cells={cells} footer={`${formatCount(tasks)} ${tasks === 1 ? "task" : "tasks"} with two or more trajectories`} />
      )}
    </>
  );
}
