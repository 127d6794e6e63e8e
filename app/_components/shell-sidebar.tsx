import { Sidebar } from "@/components/shell/sidebar";
import { HydrateClient, getQueryClient, trpc } from "@/server/trpc/rsc";

/**
 * The sidebar with its count badges already filled in. The counts are a nicety: if the database
 * does not answer, the shell still renders (without badges) and the page's own error shows.
 */
export async function ShellSidebar() {
  await getQueryClient()
    .fetchQuery(trpc.system.overview.queryOptions())
    .catch(() => undefined);
  return (
    <HydrateClient>
      <Sidebar />
    </HydrateClient>
  );
}
