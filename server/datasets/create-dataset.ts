import { asc, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { datasetVersions, datasets } from "@/db/schema";
import { ConflictError, NotFoundError } from "../errors";
import { ensureUser } from "../users/ensure-user";

export const DatasetInput = z.object({
  name: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[\w.-]+$/, "letters, digits, '_', '-' and '.' only (the name becomes a file name on export)"),
  description: z.string().max(5000).nullish(),
  filter: z.string().max(10000).default(""),
  options: z.record(z.string(), z.unknown()).default({}),
  createdBy: z.string().nullish(),
});
export type DatasetInput = z.input<typeof DatasetInput>;

export async function createDataset(db: Db, input: DatasetInput) {
  const { createdBy, ...values } = DatasetInput.parse(input);
  return db.transaction(async (tx) => {
    const creator = createdBy ? await ensureUser(tx, { name: createdBy }) : null;
    const [row] = await tx
      .insert(datasets)
      .values({ ...values, createdBy: creator?.id })
      .onConflictDoNothing({ target: datasets.name })
      .returning();
    if (!row) throw new ConflictError(`A dataset named "${values.name}" already exists.`);
    return row;
  });
}

/** The dataset with its frozen versions, newest first. */
export async function getDataset(db: Db, name: string) {
  const [dataset] = await db.select().from(datasets).where(eq(datasets.name, name));
  if (!dataset) throw new NotFoundError("dataset", name);
  const versions = await db
    .select({
      id: datasetVersions.id,
      version: datasetVersions.version,
      memberCount: datasetVersions.memberCount,
      contentHash: datasetVersions.contentHash,
      createdAt: datasetVersions.createdAt,
    })
    .from(datasetVersions)
    .where(eq(datasetVersions.datasetId, dataset.id))
    .orderBy(desc(datasetVersions.version));
  return { ...dataset, versions };
}

export async function listDatasets(db: Db) {
  return db
    .select({ id: datasets.id, name: datasets.name, description: datasets.description, updatedAt: datasets.updatedAt })
    .from(datasets)
    .orderBy(asc(datasets.name));
}
