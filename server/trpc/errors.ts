import { TRPCError } from "@trpc/server";
import { ConflictError, InvalidInputError, NotFoundError, ServiceError } from "../errors";

/**
 * Our errors keep their message and get the matching code; anything else is a bug, logged in
 * full here and shown to the client as a generic message (no stack, no SQL, no paths).
 */
export function toTRPCError(error: unknown): TRPCError {
  if (error instanceof TRPCError) return error;
  if (error instanceof NotFoundError) return new TRPCError({ code: "NOT_FOUND", message: error.message, cause: error });
  if (error instanceof ConflictError) return new TRPCError({ code: "CONFLICT", message: error.message, cause: error });
  if (error instanceof InvalidInputError) return new TRPCError({ code: "BAD_REQUEST", message: error.message, cause: error });
  if (error instanceof ServiceError) return new TRPCError({ code: "BAD_REQUEST", message: error.message, cause: error });
  console.error("[trajstudio] unexpected error in a tRPC procedure:", error);
  return new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "Something went wrong on the server; the details are in its log." });
}
