import canonicalize from "canonicalize";
import { and, desc, eq, inArray, max, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { agents, datasetVersionMembers, datasetVersions, datasets, tasks, trajectories } from "@/db/schema";
import { contentHash } from "../blobs/blob-store";
import { InvalidInputError, NotFoundError } from "../errors";
import { ensureUser } from "../users/ensure-user";
import { normalizeOptions } from "./curation-options";
import { storeMemberContents } from "./member-content";
import { type SelectionReport, type Split, selectMembers } from "./select-members";

export const FreezeInput = z.object({
  dataset: z.string().min(1),
  /** The members, when chosen by hand; left out, the dataset's filter and options choose them. */
  members: z
    .array(z.object({ trajectoryId: z.number().int().positive(), split: z.enum(["train", "validation"]).default("train") }))
    .max(5_000_000)
    .optional(),
  createdBy: z.string().nullish(),
});
export type FreezeInput = z.input<typeof FreezeInput>;

const MEMBER_BATCH = 5000;

/**
 * Writes the next immutable version of a dataset: its members (selected now by the dataset's
 * filter and options, in the same transaction), each member's metrics and step tags as they are
 * now, and stats. The content hash covers the filter, the options and the members' *source*
 * hashes with their splits (not database ids), so the same selection hashes the same anywhere.
 */
export async function freezeDataset(db: Db, input: FreezeInput) {
  const { dataset: name, members: chosen, createdBy } = FreezeInput.parse(input);
  return db.transaction(async (tx) => {
    // Row lock: two freezes of one dataset get consecutive version numbers, not a conflict.
    const [dataset] = await tx.select().from(datasets).where(eq(datasets.name, name)).for("update");
    if (!dataset) throw new NotFoundError("dataset", name);
    const options = normalizeOptions(dataset.options);
    const selection = chosen ? null : await selectMembers(tx, dataset.filter, options);
    const splits = new Map((chosen ?? selection!.members).map((m) => [m.trajectoryId, m.split]));
    const ids = [...splits.keys()].sort((a, b) => a - b);
    if (ids.length === 0) throw new InvalidInputError(`Cannot freeze "${name}": its filter and options select no trajectory.`);

    const members = await memberRows(tx, ids);
    const missing = ids.filter((id) => !members.has(id));
    if (missing.length > 0) {
      throw new InvalidInputError(`Cannot freeze "${name}": no trajectories with ids ${missing.slice(0, 10).join(", ")}${missing.length > 10 ? ` (and ${missing.length - 10} more)` : ""}.`);
    }
    const content = ids.map((id) => `${members.get(id)!.sourceHash}:${splits.get(id)}`).sort();
    const hash = contentHash(canonicalize({ filter: dataset.filter, options, members: content })!);

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
        options,
        memberCount: ids.length,
        contentHash: hash,
        stats: memberStats([...members.values()], splits, selection?.report ?? null),
        createdBy: creator?.id,
      })
      .returning();
    // Exports read members in source-hash order (the same on any database): numbered once, here.
    const byHash = [...ids].sort((a, b) => compare(members.get(a)!.sourceHash, members.get(b)!.sourceHash));
    const position = new Map(byHash.map((id, i) => [id, i + 1]));
    for (let start = 0; start < ids.length; start += MEMBER_BATCH) {
      const batch = ids.slice(start, start + MEMBER_BATCH).map((id) => ({ id, split: splits.get(id), position: position.get(id) }));
      // Metrics and each step's effective tag, frozen: later labels and retags leave the version alone.
      await tx.execute(sql`
        insert into dataset_version_members (version_id, trajectory_id, split, position, snapshot)
        select ${version!.id}::bigint, t.id, x.split, x.position, json_build_object(
          'tags', coalesce((select string_agg(coalesce(left(s.tag::text, 1), '-'), '' order by s.index) from steps s where s.trajectory_id = t.id), ''),
          'tor', t.tor, 'var', t.var, 'closedLoop', t.closed_loop, 'egs', t.egs, 'egsVersion', t.egs_version)::jsonb
        from json_to_recordset(${JSON.stringify(batch)}::json) as x(id bigint, split text, position int) join trajectories t on t.id = x.id`);
    }
    await storeMemberContents(tx, version!.id, options.excludeSteps);
    return version!;
  });
}

type Member = { sourceHash: string; agent: string | null; task: string | null; resolved: boolean | null; egs: number | null };

async function memberRows(tx: Db, ids: number[]): Promise<Map<number, Member>> {
  const members = new Map<number, Member>();
  for (let start = 0; start < ids.length; start += MEMBER_BATCH) {
    const rows = await tx
      .select({ id: trajectories.id, sourceHash: trajectories.sourceHash, agent: agents.name, task: tasks.name, resolved: trajectories.resolved, egs: trajectories.egs })
      .from(trajectories)
      .leftJoin(agents, eq(agents.id, trajectories.agentId))
      .leftJoin(tasks, eq(tasks.id, trajectories.taskId))
      .where(inArray(trajectories.id, ids.slice(start, start + MEMBER_BATCH)));
    for (const { id, ...member } of rows) members.set(id, member);
  }
  return members;
}

export type VersionStats = {
  trajectories: number;
  resolved: number;
  tasks: number;
  byAgent: Record<string, number>;
  splits: Record<Split, number>;
  /** Mean and deciles over members with an EGS; `histogram` counts members per tenth (0–0.1, …, 0.9–1). */
  egs: { scored: number; mean: number | null; p10: number | null; p50: number | null; p90: number | null; histogram: number[] };
  /** What each curation step left out (absent when the members were chosen by hand). */
  selection: SelectionReport | null;
};

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function memberStats(members: Member[], splits: Map<number, Split>, selection: SelectionReport | null): VersionStats {
  const byAgent: Record<string, number> = {};
  for (const m of members) byAgent[m.agent ?? "(unknown)"] = (byAgent[m.agent ?? "(unknown)"] ?? 0) + 1;
  const scores = members.flatMap((m) => (m.egs === null ? [] : [m.egs])).sort((a, b) => a - b);
  const at = (q: number) => (scores.length ? scores[Math.min(scores.length - 1, Math.floor(q * scores.length))]! : null);
  const histogram = Array.from({ length: 10 }, () => 0);
  for (const s of scores) histogram[Math.min(9, Math.floor(s * 10))]!++;
  const splitCounts = { train: 0, validation: 0 };
  for (const split of splits.values()) splitCounts[split]++;
  return {
    trajectories: members.length,
    resolved: members.filter((m) => m.resolved).length,
    tasks: new Set(members.map((m) => m.task ?? m.sourceHash)).size,
    byAgent: Object.fromEntries(Object.entries(byAgent).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    splits: splitCounts,
    egs: { scored: scores.length, mean: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null, p10: at(0.1), p50: at(0.5), p90: at(0.9), histogram },
    selection,
  };
}

/** A frozen version (the latest when `version` is omitted), with its dataset's name and description. */
export async function findDatasetVersion(db: Db, name: string, version?: number) {
  const [row] = await db
    .select({ version: datasetVersions, dataset: datasets.name, description: datasets.description })
    .from(datasetVersions)
    .innerJoin(datasets, eq(datasets.id, datasetVersions.datasetId))
    .where(and(eq(datasets.name, name), version === undefined ? undefined : eq(datasetVersions.version, version)))
    .orderBy(desc(datasetVersions.version))
    .limit(1);
  if (!row) throw new NotFoundError(version === undefined ? "frozen version of dataset" : `version ${version} of dataset`, name);
  return { ...row.version, stats: row.version.stats as VersionStats, dataset: row.dataset, description: row.description };
}

/** A frozen version with its member ids in id order. */
export async function getDatasetVersion(db: Db, name: string, version?: number) {
  const found = await findDatasetVersion(db, name, version);
  const members = await db
    .select({ trajectoryId: datasetVersionMembers.trajectoryId, split: datasetVersionMembers.split })
    .from(datasetVersionMembers)
    .where(eq(datasetVersionMembers.versionId, found.id))
    .orderBy(datasetVersionMembers.trajectoryId);
  return { ...found, members };
}
