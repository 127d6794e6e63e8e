import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Db } from "@/db/client";
import { InvalidInputError, NotFoundError } from "../errors";
import { type ImportResult, importPaths } from "./import-sources";

/*
 * Browser uploads stream file by file to a temporary directory (memory stays flat whatever the
 * size), then import from there as a directory would — trial directories included, since the
 * relative paths of a dropped folder are kept.
 */
const ROOT = path.join(os.tmpdir(), "trajstudio-uploads");
const ID = /^[0-9a-f-]{36}$/;
/** Per file; the import itself rejects what it cannot read. */
export const MAX_UPLOAD_FILE_BYTES = 4 * 1024 ** 3;

/** Uploads nobody committed or cancelled (a closed tab) are removed after a day. */
const ABANDONED_AFTER_MS = 24 * 3600 * 1000;

export async function createUpload(): Promise<{ id: string }> {
  await removeAbandonedUploads();
  const id = randomUUID();
  await fs.promises.mkdir(path.join(ROOT, id), { recursive: true });
  return { id };
}

/** Cancels an upload: its files are removed. Unknown ids are fine (already committed or removed). */
export async function deleteUpload(id: string): Promise<void> {
  if (!ID.test(id)) throw new NotFoundError("upload", id);
  await fs.promises.rm(path.join(ROOT, id), { recursive: true, force: true });
}

async function removeAbandonedUploads(now = Date.now()): Promise<void> {
  const entries = await fs.promises.readdir(ROOT).catch(() => [] as string[]);
  for (const name of entries.filter((n) => ID.test(n))) {
    const stat = await fs.promises.stat(path.join(ROOT, name)).catch(() => undefined);
    if (stat && now - stat.mtimeMs > ABANDONED_AFTER_MS) await fs.promises.rm(path.join(ROOT, name), { recursive: true, force: true });
  }
}

/** Where an uploaded file goes: inside the upload, never outside it (no "..", no absolute paths). */
export function uploadTarget(id: string, relPath: string): string {
  if (!ID.test(id)) throw new NotFoundError("upload", id);
  const clean = relPath.replace(/\\/g, "/");
  const parts = clean.split("/").filter((p) => p !== "" && p !== ".");
  if (!clean || clean.startsWith("/") || /^[a-zA-Z]:/.test(clean) || parts.includes("..") || parts.length === 0 || clean.includes("\0")) {
    throw new InvalidInputError(`"${relPath}" is not a relative file path inside the upload.`);
  }
  return path.join(ROOT, id, "files", ...parts);
}

/** Streams one file of an upload to disk, refusing it past the size limit. */
export async function saveUploadedFile(id: string, relPath: string, body: NodeJS.ReadableStream | ReadableStream<Uint8Array>): Promise<{ path: string; size: number }> {
  const target = uploadTarget(id, relPath);
  if (!fs.existsSync(path.join(ROOT, id))) throw new NotFoundError("upload", id);
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      callback(size > MAX_UPLOAD_FILE_BYTES ? new InvalidInputError(`${relPath} is larger than ${MAX_UPLOAD_FILE_BYTES / 1024 ** 3} GiB.`) : null, chunk);
    },
  });
  const source = "getReader" in body ? (await import("node:stream")).Readable.fromWeb(body as import("node:stream/web").ReadableStream) : body;
  try {
    await pipeline(source, limit, fs.createWriteStream(target));
  } catch (error) {
    await fs.promises.rm(target, { force: true });
    throw error;
  }
  return { path: relPath, size };
}

/** Imports everything uploaded, then removes the upload whatever happened. */
export async function importUpload(db: Db, id: string, options: { agent?: string } = {}): Promise<ImportResult> {
  if (!ID.test(id)) throw new NotFoundError("upload", id);
  const dir = path.join(ROOT, id, "files");
  if (!fs.existsSync(dir)) throw new InvalidInputError("Nothing was uploaded.");
  try {
    const result = await importPaths(db, [dir], options);
    return stripUploadPrefix(result, `${dir}${path.sep}`);
  } finally {
    await fs.promises.rm(path.join(ROOT, id), { recursive: true, force: true });
  }
}

/** Report paths as the user dropped them, not as they sat in our temporary directory. */
function stripUploadPrefix(result: ImportResult, prefix: string): ImportResult {
  const strip = (p: string) => p.split(prefix).join("");
  return {
    ...result,
    failed: result.failed.map((f) => ({ path: strip(f.path), error: strip(f.error) })),
    skipped: result.skipped.map((s) => ({ ...s, path: strip(s.path) })),
    reports: result.reports.map((r) => ({ ...r, path: strip(r.path), error: r.error && strip(r.error) })),
  };
}
