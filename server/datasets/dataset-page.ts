import { desc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { datasetVersions, datasets, exports, studentResults } from "@/db/schema";
import { NotFoundError } from "../errors";
import { exportProgress } from "../exports/export-jobs";
import { normalizeOptions } from "./curation-options";
import type { VersionStats } from "./freeze-dataset";
import { selectMembers } from "./select-members";

/** Everything the dataset page shows: the dataset, its versions with stats, exports and students. */
export async function datasetPage(db: Db, name: string) {
  const [dataset] = await db.select().from(datasets).where(eq(datasets.name, name));
  if (!dataset) throw new NotFoundError("dataset", name);
  const versions = await db
    .select({ id: datasetVersions.id, version: datasetVersions.version, memberCount: datasetVersions.memberCount, contentHash: datasetVersions.contentHash, stats: datasetVersions.stats, options: datasetVersions.options, filter: datasetVersions.filter, createdAt: datasetVersions.createdAt })
    .from(datasetVersions)
    .where(eq(datasetVersions.datasetId, dataset.id))
    .orderBy(desc(datasetVersions.version));
  const ids = versions.map((v) => v.id);
  const [exportRows, students] = ids.length
    ? await Promise.all([
        db.select().from(exports).where(inArray(exports.datasetVersionId, ids)).orderBy(desc(exports.id)),
        db.select().from(studentResults).where(inArray(studentResults.datasetVersionId, ids)).orderBy(desc(studentResults.score)),
      ])
    : [[], []];
  return {
    ...dataset,
    options: normalizeOptions(dataset.options),
    versions: versions.map((v) => ({
      ...v,
      stats: v.stats as VersionStats,
      exports: exportRows
        .filter((e) => e.datasetVersionId === v.id)
        .map(({ id, format, status, bytes, trajectoryCount, error, createdAt, finishedAt }) => ({ id, format, status, bytes, trajectoryCount, error, createdAt, finishedAt, progress: status === "running" ? exportProgress(id) : null })),
      students: students.filter((s) => s.datasetVersionId === v.id).map(({ id, studentModel, benchmark, score, notes, createdAt }) => ({ id, studentModel, benchmark, score, notes, createdAt })),
    })),
  };
}

/** What freezing now would select, without writing anything (the dataset page's preview). */
export async function previewDataset(db: Db, name: string) {
  const [dataset] = await db.select().from(datasets).where(eq(datasets.name, name));
  if (!dataset) throw new NotFoundError("dataset", name);
  const options = normalizeOptions(dataset.options);
  // The token budget needs every member's text: the preview leaves it to the freeze.
  const { report } = await selectMembers(db, dataset.filter, { ...options, tokenBudget: undefined });
  return report;
}
