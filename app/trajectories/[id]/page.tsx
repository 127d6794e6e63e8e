import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TrajectoryWorkbench } from "@/components/trajectory/trajectory-workbench";
import { HydrateClient, getQueryClient, trpc } from "@/server/trpc/rsc";

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: `Trajectory ${(await params).id}` };
}

export default async function TrajectoryPage({ params }: Params) {
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const queryClient = getQueryClient();
  const trajectory = await queryClient.fetchQuery(trpc.trajectories.get.queryOptions({ id })).catch(() => null);
  if (!trajectory) notFound();
  await Promise.all([
    queryClient.prefetchQuery(trpc.trajectories.stepViews.queryOptions({ id })),
    queryClient.prefetchQuery(trpc.trajectories.replay.queryOptions({ id })),
  ]);
  return (
    <HydrateClient>
      <TrajectoryWorkbench id={id} />
    </HydrateClient>
  );
}
