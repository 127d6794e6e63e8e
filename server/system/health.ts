import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import packageJson from "@/package.json";

export const VERSION: string = packageJson.version;

export type Health = { ok: boolean; db: Database["kind"]; version: string; error?: string };

/** Healthy means the database answers a query, not merely that the process is up. */
export async function checkHealth(database: Database): Promise<Health> {
  try {
    await database.db.execute(sql`select 1`);
    return { ok: true, db: database.kind, version: VERSION };
  } catch (error) {
    return { ok: false, db: database.kind, version: VERSION, error: (error as Error).message };
  }
}
