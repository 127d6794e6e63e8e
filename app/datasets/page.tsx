import type { Metadata } from "next";
import { DatasetList } from "@/components/datasets/dataset-list";
import { NewDatasetForm } from "@/components/datasets/new-dataset-form";
import { Code } from "@/components/ui/code";
import { CodeBlock } from "@/components/ui/code-block";
import { EmptyState, EmptyStateStep } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { HydrateClient, getQueryClient, trpc } from "@/server/trpc/rsc";

export const metadata: Metadata = { title: "Datasets" };

export default async function DatasetsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const datasets = await getQueryClient().fetchQuery(trpc.datasets.list.queryOptions());
  const filter = (await searchParams).filter;
  return (
    <>
      <PageHeader
        title="Datasets"
        description="Curated selections of trajectories, frozen into immutable versions and exported as training data."
      />
      <div className="mb-4">
        <NewDatasetForm filter={typeof filter === "string" ? filter : ""} />
      </div>
      {datasets.length === 0 ? (
        <EmptyState
          title="No datasets yet"
          description="A dataset is a filter over your trajectories. Freezing it records a version (its members and a content hash) that exports reproduce exactly."
        >
          <EmptyStateStep title="Create, freeze and export">
            <CodeBlock
              code={
                'npx trajstudio dataset create NAME --filter "outcome=resolved&egs=0.5-"\nnpx trajstudio dataset freeze NAME\nnpx trajstudio export NAME --format openai --out ./NAME-v1'
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
