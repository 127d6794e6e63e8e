import { bigint, customType, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** PGlite hands back Uint8Array and postgres.js a Buffer; services always see a Buffer. */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * Large immutable content (raw source files, terminal recordings), compressed and addressed by
 * the SHA-256 of the *uncompressed* bytes, so re-imports deduplicate and exports are reproducible.
 */
export const blobs = pgTable("blobs", {
  hash: text().primaryKey(),
  encoding: text().$type<"identity" | "gzip">().notNull(),
  size: bigint({ mode: "number" }).notNull(),
  data: bytea().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
