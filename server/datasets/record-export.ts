import { desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { exports } from "@/db/schema";
import { NotFoundError } from "../errors";
import { ensureUser } from "../users/ensure-user";

type ExportFormat = (typeof exports.$inferInsert)["format"];

/** Opens the record of an export as it starts, so a crash leaves a visible "running" row. */
export async function startExport(
  db: Db,
  input: { datasetVersionId: number; format: ExportFormat; options?: Record<string, unknown>; createdBy?: string | null },
) {
  const creator = input.createdBy ? await ensureUser(db, { name: input.createdBy }) : null;
  const [row] = await db
    .insert(exports)
    .values({ datasetVersionId: input.datasetVersionId, format: input.format, options: input.options ?? {}, createdBy: creator?.id })
    .returning();
  return row!;
}

export async function finishExport(
  db: Db,
  id: number,
  result: { ok: true; path: string; contentHash: string; bytes: number; trajectoryCount: number } | { ok: false; error: string; cancelled?: boolean },
) {
  const set = result.ok
    ? { status: "done" as const, path: result.path, contentHash: result.contentHash, bytes: result.bytes, trajectoryCount: result.trajectoryCount }
    : { status: result.cancelled ? ("cancelled" as const) : ("failed" as const), error: result.error };
  const [row] = await db.update(exports).set({ ...set, finishedAt: new Date() }).where(eq(exports.id, id)).returning();
  if (!row) throw new NotFoundError("export", id);
  return row;
}

export async function listExports(db: Db, datasetVersionId: number) {
  return db.select().from(exports).where(eq(exports.datasetVersionId, datasetVersionId)).orderBy(desc(exports.id));
}
