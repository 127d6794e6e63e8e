import type { Metadata } from "next";
import { DatasetList } from "@/components/datasets/dataset-list";
import { Code } from "@/components/ui/code";
import { CodeBlock } from "@/components/ui/code-block";
import { EmptyState, EmptyStateStep } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { HydrateClient, getQueryClient, trpc } from "@/server/trpc/rsc";

export const metadata: Metadata = { title: "Datasets" };

export default async function DatasetsPage() {
  const datasets = await getQueryClient().fetchQuery(trpc.datasets.list.queryOptions());
  return (
    <>
      <PageHeader
        title="Datasets"
        description="Curated selections of trajectories, frozen into immutable versions and exported as training data."
      />
      {datasets.length === 0 ? (
        <EmptyState
          title="No datasets yet"
          description="A dataset is a filter over your trajectories. Freezing it records a version (its members and a content hash) that exports reproduce exactly."
        >
          <EmptyStateStep title="Create, freeze and export">
            <CodeBlock
              code={
                "npx trajstudio dataset create NAME --filter EXPR\nnpx trajstudio dataset freeze NAME\nnpx trajstudio export NAME --format openai --out ./train.jsonl"
              }
              label="Copy commands"
            />
            <p>
              Export formats: <Code>openai</Code>, <Code>sharegpt</Code>, <Code>axolotl</Code> (with per-message train
              flags) and <Code>atif</Code>. Each export writes a manifest and a dataset card.
            </p>
          </EmptyStateStep>
        </EmptyState>
      ) : (
        <HydrateClient>
          <DatasetList />
        </HydrateClient>
      )}
    </>
  );
}
