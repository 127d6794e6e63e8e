import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { eq } from "drizzle-orm";
import { ZipFile } from "yazl";
import type { Db } from "@/db/client";
import { datasetVersions, datasets, exports } from "@/db/schema";
import { NotFoundError, ServiceError } from "../errors";

/** Every file of an export gets this time: the same export zips to the same bytes. */
const FIXED_MTIME = new Date("2000-01-01T00:00:00Z");

/**
 * A finished export as a zip stream (built while it is sent, never whole in memory) and the file
 * name to save it under. The archive's entries are the export's files under one folder.
 */
export async function zipExport(db: Db, exportId: number): Promise<{ fileName: string; stream: ReadableStream<Uint8Array> }> {
  const [row] = await db
    .select({ status: exports.status, dir: exports.path, format: exports.format, dataset: datasets.name, version: datasetVersions.version })
    .from(exports)
    .innerJoin(datasetVersions, eq(datasetVersions.id, exports.datasetVersionId))
    .innerJoin(datasets, eq(datasets.id, datasetVersions.datasetId))
    .where(eq(exports.id, exportId));
  if (!row) throw new NotFoundError("export", exportId);
  if (row.status !== "done" || !row.dir) throw new ServiceError(`Export ${exportId} is ${row.status}: only a finished export can be downloaded.`);
  if (!fs.existsSync(row.dir)) throw new ServiceError(`The files of export ${exportId} are gone from ${row.dir}: export the version again.`);
  const folder = `${row.dataset}-v${row.version}-${row.format}`;
  const zip = new ZipFile();
  for (const file of filesUnder(row.dir)) {
    zip.addFile(path.join(row.dir, file), `${folder}/${file}`, { mtime: FIXED_MTIME, mode: 0o644 });
  }
  zip.end();
  return { fileName: `${folder}.zip`, stream: Readable.toWeb(zip.outputStream as unknown as Readable) as ReadableStream<Uint8Array> };
}

function filesUnder(dir: string, prefix = ""): string[] {
  return fs
    .readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(dir, path.posix.join(prefix, e.name)) : [path.posix.join(prefix, e.name)]))
    .sort();
}
