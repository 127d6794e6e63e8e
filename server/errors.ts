/**
 * Errors services throw on purpose. Each carries a message written for the user; the tRPC layer
 * and the CLI map them (server/trpc/errors.ts, server/cli/output.ts). Anything else is a bug:
 * logged in full, shown as a generic message.
 */
export class ServiceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends ServiceError {
  constructor(what: string, key: string | number) {
    super(`No ${what} ${typeof key === "string" ? `named "${key}"` : `with id ${key}`}.`);
  }
}

export class ConflictError extends ServiceError {}

export class InvalidInputError extends ServiceError {}
