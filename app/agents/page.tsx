import type { Metadata } from "next";
import { AgentTable } from "@/components/agents/agent-table";
import { TeacherChart } from "@/components/agents/teacher-chart";
import { Code } from "@/components/ui/code";
import { CodeBlock } from "@/components/ui/code-block";
import { EmptyState, EmptyStateStep } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { HydrateClient, getQueryClient, trpc } from "@/server/trpc/rsc";

export const metadata: Metadata = { title: "Agents" };

export default async function AgentsPage() {
  const queryClient = getQueryClient();
  const [agents] = await Promise.all([
    queryClient.fetchQuery(trpc.agents.list.queryOptions()),
    queryClient.prefetchQuery(trpc.agents.stats.queryOptions()),
    queryClient.prefetchQuery(trpc.agents.students.queryOptions()),
  ]);
  return (
    <>
      <PageHeader
        title="Agents"
        description="The teachers whose trajectories you collect: how often they resolve their tasks, and how well their trajectories show their work (TOR, VAR, EGS — see docs/egs.md)."
      />
      {agents.length === 0 ? (
        <EmptyState
          title="No agents yet"
          description="Agents are recorded as you import trajectories: the name, model and harness are read from each file."
        >
          <EmptyStateStep title="Name the agent yourself">
            <p>
              When a format does not record which agent produced it, pass <Code>--agent NAME</Code> on import:
            </p>
            <CodeBlock code="npx trajstudio import ./path/to/runs --agent NAME" />
          </EmptyStateStep>
        </EmptyState>
      ) : (
        <HydrateClient>
          <div className="flex flex-col gap-4">
            <TeacherChart />
            <AgentTable />
          </div>
        </HydrateClient>
      )}
    </>
  );
}
