import { TRPCError, initTRPC } from "@trpc/server";
import superjson from "superjson";
import { ZodError, z } from "zod";
import type { Database } from "@/db/client";
import { toTRPCError } from "./errors";

/**
 * What every procedure sees. Built per request by the route handler, per render by server
 * components, and directly by tests — none of which need an HTTP request.
 */
export type Context = {
  database: Database;
  db: Database["db"];
  /** The signed-in user's name; local mode is one implicit admin until auth arrives. */
  userName: string;
};

export function createContext(database: Database, userName = "local"): Context {
  return { database, db: database.db, userName };
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    return {
      ...shape,
      data: {
        ...shape.data,
        // Field-by-field reasons for bad input, so forms can point at the field.
        zodError: error.code === "BAD_REQUEST" && error.cause instanceof ZodError ? z.treeifyError(error.cause) : null,
      },
    };
  },
});

/** Services throw their own errors; this turns them into tRPC codes at one place. */
const mapServiceErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && !(result.error.cause instanceof ZodError) && result.error.code === "INTERNAL_SERVER_ERROR") {
    throw toTRPCError(result.error.cause ?? result.error);
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(mapServiceErrors);
export { TRPCError };
