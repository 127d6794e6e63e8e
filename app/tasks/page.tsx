import type { Metadata } from "next";
import { TaskTable } from "@/components/tasks/task-table";
import { Code } from "@/components/ui/code";
import { CodeBlock } from "@/components/ui/code-block";
import { EmptyState, EmptyStateStep } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { HydrateClient, getQueryClient, trpc } from "@/server/trpc/rsc";

export const metadata: Metadata = { title: "Tasks" };

export default async function TasksPage() {
  const tasks = await getQueryClient().fetchQuery(trpc.tasks.list.queryOptions());
  return (
    <>
      <PageHeader
        title="Tasks"
        description="The problems agents were run on, and whether each is validated: its reference solution passes the tests and doing nothing fails them."
      />
      {tasks.length === 0 ? (
        <EmptyState
          title="No tasks yet"
          description="A task is recorded with every imported trajectory that names one, or added from a Harbor task directory."
        >
          <EmptyStateStep title="Add task directories">
            <p>
              A Harbor task has <Code>task.toml</Code>, <Code>instruction.md</Code>,{" "}
              <Code>environment/Dockerfile</Code>, <Code>tests/</Code> and <Code>solution/</Code>.
            </p>
            <CodeBlock code="npx trajstudio tasks add ./path/to/tasks/*" />
          </EmptyStateStep>
          <EmptyStateStep title="Validate them">
            <p>Runs the reference solution and a do-nothing agent in Docker; a valid task passes the first and fails the second.</p>
            <CodeBlock code="npx trajstudio tasks validate NAME" />
          </EmptyStateStep>
        </EmptyState>
      ) : (
        <HydrateClient>
          <TaskTable />
        </HydrateClient>
      )}
    </>
  );
}
