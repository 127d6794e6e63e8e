import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { storeMissingMemberContents } from "../server/datasets/member-content";
import { indexUnsearchedTrajectories } from "../server/search/index-search";
import { type DatabaseConfig, migrationsFolder, redactUrl } from "./config";
import { lockDataDir } from "./lock";
import * as schema from "./schema";

export type Schema = typeof schema;
/** What services take: either driver, or a transaction of either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DbKind = DatabaseConfig["kind"];

export type Database = {
  db: Db;
  kind: DbKind;
  /** Printable location: a directory, a redacted URL, or "memory". */
  location: string;
  close(): Promise<void>;
};

export type OpenOptions = {
  /** Apply pending migrations (default true). */
  migrate?: boolean;
  /** Connections in the PostgreSQL pool. */
  maxConnections?: number;
};

const casing = "snake_case" as const;

/** A PostgreSQL migration lock key, so several workers starting at once migrate one at a time. */
const MIGRATION_LOCK_KEY = 0x7472616a; // "traj"

export async function openDatabase(config: DatabaseConfig, options: OpenOptions = {}): Promise<Database> {
  const database = config.kind === "pglite" ? await openPglite(config.dataDir, options) : await openPostgres(config.url, options);
  if (options.migrate !== false) await completeDerivedData(database);
  return database;
}

/**
 * What a migration added that only application code can compute (no SQL does): search words,
 * and the stored contents of dataset versions frozen before them.
 */
async function completeDerivedData(database: Database): Promise<void> {
  try {
    await indexUnsearchedTrajectories(database.db);
    await storeMissingMemberContents(database.db);
  } catch (error) {
    await database.close();
    throw error;
  }
}

/**
 * The embedded database's buffer cache (PostgreSQL's shared_buffers; env TRAJSTUDIO_PGLITE_CACHE,
 * e.g. "128MB"). PGlite's default, 128 MB, is resident from the moment the database opens —
 * measured: a bare open of a data directory peaks at 289 MB with it, 168 MB with 16 MB — so
 * every CLI command paid for it. Reads past the cache come from the operating system's page cache.
 */
const PGLITE_CACHE = "32MB";

function pgliteOptions() {
  const cache = process.env.TRAJSTUDIO_PGLITE_CACHE || PGLITE_CACHE;
  return { startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${cache}`] };
}

/** The embedded database in DATA_DIR/pglite, held by this process until close(). */
async function openPglite(dataDir: string, options: OpenOptions): Promise<Database> {
  const release = lockDataDir(dataDir);
  try {
    const client = await PGlite.create(path.join(dataDir, "pglite"), pgliteOptions());
    return await finishPglite(client, dataDir, release, options);
  } catch (error) {
    release();
    throw error;
  }
}

/** An in-memory embedded database: tests and `score` without a data directory. */
export async function openMemoryDatabase(options: OpenOptions = {}): Promise<Database> {
  return finishPglite(await PGlite.create(), "memory", () => {}, options);
}

async function finishPglite(client: PGlite, location: string, release: () => void, options: OpenOptions) {
  const db = drizzlePglite({ client, schema, casing });
  try {
    if (options.migrate !== false) await migratePglite(db, { migrationsFolder: migrationsFolder() });
  } catch (error) {
    await client.close();
    throw error;
  }
  return {
    db: db as unknown as Db,
    kind: "pglite" as const,
    location,
    async close() {
      try {
        await client.close();
      } finally {
        release();
      }
    },
  };
}

/** Migrates on one dedicated connection holding an advisory lock: concurrent starters wait their turn. */
async function migratePostgresLocked(url: string): Promise<void> {
  const conn = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await conn`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migratePostgres(drizzlePostgres({ client: conn, schema, casing }), { migrationsFolder: migrationsFolder() });
  } finally {
    await conn.end({ timeout: 5 }); // closing the session releases the advisory lock
  }
}

async function openPostgres(url: string, options: OpenOptions): Promise<Database> {
  if (options.migrate !== false) await migratePostgresLocked(url);
  const client = postgres(url, { max: options.maxConnections ?? 10, onnotice: () => {} });
  try {
    const db = drizzlePostgres({ client, schema, casing });
    await db.execute(sql`select 1`);
    return {
      db: db as unknown as Db,
      kind: "postgres",
      location: redactUrl(url),
      close: () => client.end({ timeout: 5 }),
    };
  } catch (error) {
    await client.end({ timeout: 1 }).catch(() => {});
    throw error;
  }
}

/** The rows of a raw `db.execute(sql…)`: PGlite returns `{ rows }`, postgres.js the rows array. */
export function rowsOf<Row = Record<string, unknown>>(result: unknown): Row[] {
  return ((result as { rows?: Row[] }).rows ?? (result as Row[])) as Row[];
}

/** A PostgreSQL array from a raw query: PGlite returns a JS array, postgres.js may return "{…}". */
export function arrayOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  const text = String(value ?? "").replace(/^\{|\}$/g, "");
  return text ? text.split(",") : [];
}
