import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { type ReactNode, cache } from "react";
import { makeQueryClient } from "@/components/trpc/query-client";
import { getDatabase } from "@/db/instance";
import { createContext } from "./init";
import { appRouter } from "./root";

/*
 * For server components: the same procedures the browser calls, run in-process. One query
 * client per request (React `cache`); HydrateClient hands what was prefetched to the browser.
 */
export const getQueryClient = cache(makeQueryClient);

export const trpc = createTRPCOptionsProxy({
  ctx: async () => createContext(await getDatabase()),
  router: appRouter,
  queryClient: getQueryClient,
});

export function HydrateClient({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}
