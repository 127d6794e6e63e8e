import { resolveDatabaseConfig } from "@/db/config";
import { type Database, openDatabase } from "@/db/client";
import { type Output, createOutput } from "./output";

export type GlobalOptions = { data?: string; json?: boolean };

/** What every command gets: how to print, and how to open the database the flags point at. */
export type CommandContext = {
  output: Output;
  openDatabase(): Promise<Database>;
  /** Runs `work` with the database open, and closes it (the embedded one is held by one process). */
  withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T>;
};

export function createContext(options: GlobalOptions): CommandContext {
  return {
    output: createOutput(Boolean(options.json)),
    openDatabase: () => openDatabase(resolveDatabaseConfig({ data: options.data })),
    async withDatabase(work) {
      const database = await this.openDatabase();
      try {
        return await work(database);
      } finally {
        await database.close();
      }
    },
  };
}
