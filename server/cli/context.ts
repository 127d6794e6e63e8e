import { resolveDatabaseConfig } from "@/db/config";
import { type Database, openDatabase } from "@/db/client";
import { type Output, createOutput } from "./output";

export type GlobalOptions = { data?: string; json?: boolean };

/** What every command gets: how to print, and how to open the database the flags point at. */
export type CommandContext = {
  output: Output;
  openDatabase(): Promise<Database>;
};

export function createContext(options: GlobalOptions): CommandContext {
  return {
    output: createOutput(Boolean(options.json)),
    openDatabase: () => openDatabase(resolveDatabaseConfig({ data: options.data })),
  };
}
