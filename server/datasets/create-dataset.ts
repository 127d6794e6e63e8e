import { asc, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { datasetVersions, datasets } from "@/db/schema";
import { ConflictError, InvalidInputError, NotFoundError } from "../errors";
import { ensureUser } from "../users/ensure-user";
import { normalizeOptions } from "./curation-options";
import { listViewQuery, parseListView } from "@/components/trajectories/list-params";

/**
 * The list query in its normal form (no "?", no sort: a dataset has members, not an order). The
 * list page ignores what it does not understand; a dataset names it instead, since a typo there
 * would silently select everything.
 */
export function normalizeFilter(query: string): string {
  const problems: string[] = [];
  const view = parseListView(new URLSearchParams(query.trim().replace(/^\?/, "")), problems);
  if (problems.length) throw new InvalidInputError(`The filter does not understand ${problems.join("; ")}: write it as in the trajectory list's URL.`);
  return listViewQuery({ sort: "created", dir: "desc", filter: view.filter }).replace(/^\?/, "");
}

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

/**
 * A dataset: a filter in the trajectory list's language (its URL query, e.g.
 * `outcome=resolved&egs=0.5-&q=pytest`) and curation options. Both are stored normalized.
 */
export async function createDataset(db: Db, input: DatasetInput) {
  const { createdBy, filter, options, ...rest } = DatasetInput.parse(input);
  const values = { ...rest, filter: normalizeFilter(filter), options: normalizeOptions(options) };
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
