import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { gunzip as gunzipCb, gzip as gzipCb } from "node:zlib";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { blobs } from "@/db/schema";
import { NotFoundError } from "../errors";

const gzip = promisify(gzipCb);
const gunzip = promisify(gunzipCb);

export function contentHash(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Stores `bytes` compressed under the hash of the uncompressed content and returns the hash.
 * Storing the same content twice is a no-op. Incompressible content is kept as is.
 */
export async function putBlob(db: Db, bytes: Uint8Array | string): Promise<string> {
  return (await putBlobs(db, [bytes]))[0]!;
}

/** Many blobs in one statement (imports store a recording per trajectory). Hashes in input order. */
export async function putBlobs(db: Db, contents: (Uint8Array | string)[]): Promise<string[]> {
  const rows = await Promise.all(
    contents.map(async (bytes) => {
      const raw = typeof bytes === "string" ? Buffer.from(bytes, "utf8") : Buffer.from(bytes);
      const packed = await gzip(raw);
      const [encoding, data] = packed.length < raw.length ? (["gzip", packed] as const) : (["identity", raw] as const);
      return { hash: contentHash(raw), encoding, size: raw.length, data };
    }),
  );
  const unique = [...new Map(rows.map((r) => [r.hash, r])).values()];
  // Bytes travel as base64 text in one JSON parameter: a bytea parameter per row costs the
  // embedded database's driver several times more (it hex-encodes every byte in JavaScript).
  const json = JSON.stringify(unique.map((r) => ({ hash: r.hash, encoding: r.encoding, size: r.size, data: r.data.toString("base64") })));
  if (unique.length) {
    await db.execute(sql`insert into blobs (hash, encoding, size, data)
      select x.hash, x.encoding, x.size, decode(x.data, 'base64') from json_to_recordset(${json}::json) as x(hash text, encoding text, size bigint, data text)
      on conflict do nothing`);
  }
  return rows.map((r) => r.hash);
}

export async function getBlob(db: Db, hash: string): Promise<Buffer> {
  const [row] = await db.select({ encoding: blobs.encoding, data: blobs.data }).from(blobs).where(eq(blobs.hash, hash));
  if (!row) throw new NotFoundError("blob", hash);
  return row.encoding === "gzip" ? gunzip(row.data) : row.data;
}
