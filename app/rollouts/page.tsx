import type { Metadata } from "next";
import { RolloutTable } from "@/components/rollouts/rollout-table";
import { Code } from "@/components/ui/code";
import { CodeBlock } from "@/components/ui/code-block";
import { EmptyState, EmptyStateStep } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { HydrateClient, getQueryClient, trpc } from "@/server/trpc/rsc";

export const metadata: Metadata = { title: "Rollouts" };

export default async function RolloutsPage() {
  const jobs = await getQueryClient().fetchQuery(trpc.rollouts.list.queryOptions({}));
  return (
    <>
      <PageHeader
        title="Rollouts"
        description="Jobs that run an agent on a task in a Docker container and import the recorded session as a trajectory."
      />
      {jobs.length === 0 ? (
        <EmptyState
          title="No rollouts yet"
          description="A rollout builds the task's image, gives the agent a shell in a fresh container, runs the task's tests for a reward, and stores the trajectory with its tags and scores."
        >
          <EmptyStateStep title="Run an agent on a task">
            <CodeBlock code="npx trajstudio rollout --task NAME --agent oracle" />
            <p>
              <Code>oracle</Code> runs the reference solution, <Code>nop</Code> does nothing, and <Code>llm</Code> drives
              any OpenAI-compatible endpoint (<Code>--model M --base-url URL</Code>). <Code>-k N</Code> runs N attempts.
            </p>
          </EmptyStateStep>
          <EmptyStateStep title="Scale out">
            <p>Queued jobs are taken by workers, on this machine or others with their own Docker engine:</p>
            <CodeBlock code="npx trajstudio worker" />
          </EmptyStateStep>
        </EmptyState>
      ) : (
        <HydrateClient>
          <RolloutTable />
        </HydrateClient>
      )}
    </>
  );
}
