import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { blobs } from "@/db/schema";
import { openTestDatabase } from "../testing/test-database";
import { contentHash, getBlob, putBlob } from "./blob-store";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

describe("blob store", () => {
  it("round-trips a recording compressed, addressed by the hash of its content", async () => {
    const cast = `{"version": 2, "width": 80, "height": 24}\n${'[0.5, "o", "$ ls\\r\\n"]\n'.repeat(2000)}`;
    const hash = await putBlob(database.db, cast);
    expect(hash).toBe(contentHash(Buffer.from(cast)));
    const [row] = await database.db.select().from(blobs).where(eq(blobs.hash, hash));
    expect(row!.encoding).toBe("gzip");
    expect(row!.size).toBe(Buffer.byteLength(cast));
    expect(row!.data.length).toBeLessThan(row!.size / 10);
    expect((await getBlob(database.db, hash)).toString("utf8")).toBe(cast);
  });

  it("stores the same content once", async () => {
    const content = `same ${randomBytes(8).toString("hex")}`;
    const first = await putBlob(database.db, content);
    const second = await putBlob(database.db, Buffer.from(content));
    expect(second).toBe(first);
    const rows = await database.db.select({ hash: blobs.hash }).from(blobs).where(eq(blobs.hash, first));
    expect(rows).toHaveLength(1);
  });

  it("keeps incompressible bytes as they are", async () => {
    const noise = randomBytes(4096);
    const hash = await putBlob(database.db, noise);
    const [row] = await database.db.select({ encoding: blobs.encoding }).from(blobs).where(eq(blobs.hash, hash));
    expect(row!.encoding).toBe("identity");
    expect((await getBlob(database.db, hash)).equals(noise)).toBe(true);
  });
});
