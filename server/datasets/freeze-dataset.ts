import canonicalize from "canonicalize";
import { and, desc, eq, inArray, max } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { agents, datasetVersionMembers, datasetVersions, datasets, trajectories } from "@/db/schema";
import { contentHash } from "../blobs/blob-store";
import { InvalidInputError, NotFoundError } from "../errors";
import { ensureUser } from "../users/ensure-user";

export const FreezeInput = z.object({
  dataset: z.string().min(1),
  /** The members, already selected by the dataset's filter and options. */
  trajectoryIds: z.array(z.number().int().positive()).max(5_000_000),
  createdBy: z.string().nullish(),
});
export type FreezeInput = z.input<typeof FreezeInput>;

const MEMBER_BATCH = 5000;

/**
 * Writes the next immutable version of a dataset. Its content hash covers the filter, the options
 * and the members' *source* hashes (not database ids), so the same selection hashes the same on
 * any database.
 */
export async function freezeDataset(db: Db, input: FreezeInput) {
  const { dataset: name, trajectoryIds, createdBy } = FreezeInput.parse(input);
  const ids = [...new Set(trajectoryIds)].sort((a, b) => a - b);
  return db.transaction(async (tx) => {
    // Row lock: two freezes of one dataset get consecutive version numbers, not a conflict.
    const [dataset] = await tx.select().from(datasets).where(eq(datasets.name, name)).for("update");
    if (!dataset) throw new NotFoundError("dataset", name);

    const members = await selectMembers(tx, ids);
    const missing = ids.filter((id) => !members.has(id));
    if (missing.length > 0) {
      throw new InvalidInputError(`Cannot freeze "${name}": no trajectories with ids ${missing.slice(0, 10).join(", ")}${missing.length > 10 ? ` (and ${missing.length - 10} more)` : ""}.`);
    }
    const sourceHashes = [...members.values()].map((m) => m.sourceHash).sort();
    const hash = contentHash(canonicalize({ filter: dataset.filter, options: dataset.options, members: sourceHashes })!);

    const [last] = await tx
      .select({ version: max(datasetVersions.version) })
      .from(datasetVersions)
      .where(eq(datasetVersions.datasetId, dataset.id));
    const creator = createdBy ? await ensureUser(tx, { name: createdBy }) : null;
    const [version] = await tx
      .insert(datasetVersions)
      .values({
        datasetId: dataset.id,
        version: (last?.version ?? 0) + 1,
        filter: dataset.filter,
        options: dataset.options,
        memberCount: ids.length,
        contentHash: hash,
        stats: memberStats([...members.values()]),
        createdBy: creator?.id,
      })
      .returning();
    for (let start = 0; start < ids.length; start += MEMBER_BATCH) {
      await tx
        .insert(datasetVersionMembers)
        .values(ids.slice(start, start + MEMBER_BATCH).map((trajectoryId) => ({ versionId: version!.id, trajectoryId })));
    }
    return version!;
  });
}

type Member = { sourceHash: string; agent: string | null; resolved: boolean | null };

async function selectMembers(tx: Db, ids: number[]): Promise<Map<number, Member>> {
  const members = new Map<number, Member>();
  for (let start = 0; start < ids.length; start += MEMBER_BATCH) {
    const rows = await tx
      .select({ id: trajectories.id, sourceHash: trajectories.sourceHash, agent: agents.name, resolved: trajectories.resolved })
      .from(trajectories)
      .leftJoin(agents, eq(agents.id, trajectories.agentId))
      .where(inArray(trajectories.id, ids.slice(start, start + MEMBER_BATCH)));
    for (const { id, ...member } of rows) members.set(id, member);
  }
  return members;
}

function memberStats(members: Member[]) {
  const byAgent: Record<string, number> = {};
  for (const m of members) byAgent[m.agent ?? "(unknown)"] = (byAgent[m.agent ?? "(unknown)"] ?? 0) + 1;
  return { trajectories: members.length, resolved: members.filter((m) => m.resolved).length, byAgent };
}

/** A frozen version (the latest when `version` is omitted) with its member ids in id order. */
export async function getDatasetVersion(db: Db, name: string, version?: number) {
  const [row] = await db
    .select({ version: datasetVersions })
    .from(datasetVersions)
    .innerJoin(datasets, eq(datasets.id, datasetVersions.datasetId))
    .where(and(eq(datasets.name, name), version === undefined ? undefined : eq(datasetVersions.version, version)))
    .orderBy(desc(datasetVersions.version))
    .limit(1);
  if (!row) throw new NotFoundError(version === undefined ? "frozen version of dataset" : `version ${version} of dataset`, name);
  const members = await db
    .select({ trajectoryId: datasetVersionMembers.trajectoryId, split: datasetVersionMembers.split })
    .from(datasetVersionMembers)
    .where(eq(datasetVersionMembers.versionId, row.version.id))
    .orderBy(datasetVersionMembers.trajectoryId);
  return { ...row.version, members };
}
