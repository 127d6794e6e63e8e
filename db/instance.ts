import { resolveDatabaseConfig } from "./config";
import { type Database, openDatabase } from "./client";

/*
 * One database per process. The CLI opens it before starting Next.js in the same process; the
 * route handlers Next bundles get their own copy of this module, so the handle lives on
 * globalThis rather than in a module variable.
 */
const KEY = Symbol.for("trajstudio.database");
type Holder = { [KEY]?: Promise<Database> };
const holder = globalThis as Holder;

/** The process's database, opened on first use from the environment (`next dev`, tests). */
export function getDatabase(): Promise<Database> {
  holder[KEY] ??= openDatabase(resolveDatabaseConfig()).catch((error: unknown) => {
    delete holder[KEY]; // let the next request try again rather than cache the failure
    throw error;
  });
  return holder[KEY];
}

/** Make `database` the process's database (the CLI does this before serving). */
export function setDatabase(database: Database): void {
  holder[KEY] = Promise.resolve(database);
}

export async function closeDatabase(): Promise<void> {
  const current = holder[KEY];
  delete holder[KEY];
  if (current) await (await current).close();
}
