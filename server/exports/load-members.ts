import { gunzipSync } from "node:zlib";
import { sql } from "drizzle-orm";
import { type Db, rowsOf } from "@/db/client";
import type { Split } from "../datasets/select-members";
import { ServiceError } from "../errors";

/** Members per round trip: big enough to amortize the query, small enough to bound memory. */
const BATCH = 500;

/**
 * A frozen version's members as the exporters read them, one split at a time in source-hash
 * order (the same order on any database; numbered at freeze), a batch in memory at a time: each
 * the JSON text of an ExportTrajectory, the document its freeze stored
 * (server/datasets/member-content.ts). Nothing is read from the live rows, which labels, rules
 * and re-imports change; a version does not. Parsing is the formatter's (it may be a worker's).
 * The next batch's query is sent before this one is handed over.
 */
export async function* versionDocuments(db: Db, versionId: number, split: Split): AsyncGenerator<string[]> {
  let next = readBatch(db, versionId, split, 0);
  try {
    for (;;) {
      const batch = await next;
      if (batch === null) return;
      next = readBatch(db, versionId, split, batch.last);
      yield batch.members;
    }
  } finally {
    next.catch(() => {}); // a caller that stops early (cancel, error) leaves a read in flight
  }
}

type StoredRow = { position: number; content_hash: string | null; encoding: "identity" | "gzip" | null; data: string | null };

async function readBatch(db: Db, versionId: number, split: Split, after: number): Promise<{ members: string[]; last: number } | null> {
  // Keyset on the position the freeze gave each member: each batch is an index range. Bytes come
  // as base64 text: PGlite decodes a bytea column byte by byte in JavaScript, several times slower.
  const rows = rowsOf<StoredRow>(
    await db.execute(sql`
      select m.position, m.content_hash, b.encoding, encode(b.data, 'base64') as data
      from dataset_version_members m left join blobs b on b.hash = m.content_hash
      where m.version_id = ${versionId} and m.split = ${split} and m.position > ${after}::int
      order by m.position
      limit ${BATCH}`),
  );
  if (rows.length === 0) return null;
  const missing = rows.find((row) => row.data === null);
  if (missing) {
    throw new ServiceError(`Member ${missing.position} of dataset version ${versionId} has no stored content (${missing.content_hash ?? "never stored"}); reopen the database to complete it.`);
  }
  // Inflated on this thread: for documents of a few kilobytes a trip to libuv's pool (or one
  // inflate of the batch's gzip members concatenated) costs more than the inflate itself.
  const members = rows.map((row) => {
    const bytes = Buffer.from(row.data!, "base64");
    return (row.encoding === "gzip" ? gunzipSync(bytes) : bytes).toString("utf8");
  });
  return { members, last: Number(rows.at(-1)!.position) };
}
