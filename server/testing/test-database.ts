import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { type Database, openDatabase, openMemoryDatabase } from "@/db/client";

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or (TEST_DB=postgres) a new
 * database on the server at TEST_DATABASE_URL, dropped on close. No rows are shared between files.
 */
export async function openTestDatabase(): Promise<Database & { url?: string }> {
  if (process.env.TEST_DB !== "postgres") return openMemoryDatabase();
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error("TEST_DB=postgres needs TEST_DATABASE_URL (npm test starts a server and sets it).");
  const name = `trajstudio_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: "postgres", url: url.toString() });
  return {
    ...database,
    /** For a child process (a `trajstudio worker`) to open the same database. */
    url: url.toString(),
    async close() {
      await database.close();
      const dropper = postgres(serverUrl, { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

/** A unique name per call, so tests in one file never collide on unique columns. */
let counter = 0;
export function uniqueName(prefix: string): string {
  return `${prefix}-${process.pid}-${++counter}-${randomBytes(3).toString("hex")}`;
}

/** A distinct SHA-256-shaped source hash. */
export function fakeSourceHash(): string {
  return randomBytes(32).toString("hex");
}
