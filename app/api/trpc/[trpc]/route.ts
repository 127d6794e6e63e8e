import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getDatabase } from "@/db/instance";
import { createContext } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";

export const dynamic = "force-dynamic";

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: async () => createContext(await getDatabase()),
  });
}

export { handler as GET, handler as POST };
