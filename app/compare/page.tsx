import type { Metadata } from "next";
import { ComparableTaskTable } from "@/components/compare/comparable-task-table";
import { comparableTasks } from "@/components/compare/group-by-task";
import { CodeBlock } from "@/components/ui/code-block";
import { EmptyState, EmptyStateStep } from "@/components/ui/empty-state";
import { formatCount } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { getQueryClient, trpc } from "@/server/trpc/rsc";

export const metadata: Metadata = { title: "Compare" };

/** The most rows trajectories.list returns in one page. */
const SAMPLE = 500;

const importMore = (
  <EmptyStateStep title="Import runs of several agents on the same tasks">
    <CodeBlock code={"npx trajstudio import ./runs/agent-a ./runs/agent-b"} />
  </EmptyStateStep>
);

export default async function ComparePage() {
  const queryClient = getQueryClient();
  const counts = await queryClient.fetchQuery(trpc.system.overview.queryOptions());
  const header = (
    <PageHeader
      title="Compare"
      description="Two or more trajectories of the same task side by side: different teachers, or several attempts of one."
    />
  );

  if (counts.trajectories < 2) {
    return (
      <>
        {header}
        <EmptyState
          title="Compare needs at least two trajectories"
          description={`There ${counts.trajectories === 1 ? "is 1 trajectory" : "are no trajectories"} so far. Comparisons open up once two or more runs share a task.`}
        >
          {importMore}
        </EmptyState>
      </>
    );
  }

  const { items } = await queryClient.fetchQuery(trpc.trajectories.list.queryOptions({ limit: SAMPLE }));
  const tasks = comparableTasks(items);
  const sampled = counts.trajectories > items.length;
  return (
    <>
      {header}
      {tasks.length === 0 ? (
        <EmptyState
          title="No task has two trajectories yet"
          description={`Each of the ${formatCount(items.length)} ${sampled ? "latest " : ""}trajectories is the only one of its task.`}
        >
          {importMore}
        </EmptyState>
      ) : (
        <section aria-labelledby="comparable">
          <h2 id="comparable" className="mb-2 text-sm font-semibold">
            Tasks with several trajectories
          </h2>
          <ComparableTaskTable
            tasks={tasks}
            footer={`${formatCount(tasks.length)} ${tasks.length === 1 ? "task" : "tasks"}${sampled ? `, from the latest ${formatCount(items.length)} trajectories` : ""}`}
          />
        </section>
      )}
    </>
  );
}
