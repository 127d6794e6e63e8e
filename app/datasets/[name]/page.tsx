import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DatasetDetail } from "@/components/datasets/dataset-detail";
import { PageHeader } from "@/components/ui/page-header";
import { HydrateClient, getQueryClient, trpc } from "@/server/trpc/rsc";

type Params = { params: Promise<{ name: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: `Dataset ${decodeURIComponent((await params).name)}` };
}

export default async function DatasetPage({ params }: Params) {
  const name = decodeURIComponent((await params).name);
  const queryClient = getQueryClient();
  const dataset = await queryClient.fetchQuery(trpc.datasets.get.queryOptions({ name })).catch(() => null);
  if (!dataset) notFound();
  return (
    <>
      <Link href="/datasets" className="text-sm text-muted hover:text-text">
        ← Datasets
      </Link>
      <PageHeader title={dataset.name} description="Freeze a version to record exactly what it holds; export a version in the format your trainer reads." />
      <HydrateClient>
        <DatasetDetail name={name} />
      </HydrateClient>
    </>
  );
}
