import type { Db } from "@/db/client";
import { contentHash, putBlobs } from "../blobs/blob-store";
import type { NormalizedTrajectory, VirtualFile } from "../formats/types";
import { type CreateTrajectoryResult, insertTrajectories } from "../trajectories/insert-trajectories";
import type { TrajectoryInput } from "../trajectories/trajectory-input";
import { failureTags } from "./failure-tags";
import { teacherOf } from "./teacher-name";

/** A parsed source, ready to store. */
export type PreparedSource = { format: string; path: string; hash: string; trajectories: NormalizedTrajectory[] };

/**
 * The idempotency key of a source: the hash of its bytes (for a directory, of its files' names
 * relative to it and their hashes), so the same run imported from anywhere is the same source.
 */
export async function unitHash(files: VirtualFile[], rootRel: string | null): Promise<string> {
  if (files.length === 1 && rootRel === null) return contentHash(await files[0]!.read());
  const parts: string[] = [];
  for (const file of [...files].sort((a, b) => (a.rel < b.rel ? -1 : 1))) {
    parts.push(`${rootRel ? file.rel.slice(rootRel.length + 1) : file.rel}\0${contentHash(await file.read())}`);
  }
  return contentHash(parts.join("\n"));
}

/**
 * Stores a batch of sources in one transaction — a few statements for the whole batch. If the
 * batch fails, each source is retried in a transaction of its own, so one bad source fails alone
 * and leaves nothing behind (recordings included) while the others are stored.
 */
export async function storeSources(db: Db, sources: PreparedSource[], options: { agent?: string } = {}): Promise<(CreateTrajectoryResult[] | Error)[]> {
  try {
    return await db.transaction((tx) => storeInTransaction(tx, sources, options));
  } catch (batchError) {
    if (sources.length === 1) return [batchError as Error];
    const results: (CreateTrajectoryResult[] | Error)[] = [];
    for (const source of sources) {
      try {
        results.push(...(await db.transaction((tx) => storeInTransaction(tx, [source], options))));
      } catch (error) {
        results.push(error as Error);
      }
    }
    return results;
  }
}

async function storeInTransaction(tx: Db, sources: PreparedSource[], options: { agent?: string }): Promise<CreateTrajectoryResult[][]> {
  const all = sources.flatMap((s) => s.trajectories.map((t) => ({ s, t })));
  const recordings = all.flatMap(({ t }) => (t.recording ? [t.recording] : []));
  const hashes = await putBlobs(tx, recordings);
  let next = 0;
  const inputs: TrajectoryInput[] = all.map(({ s, t }) => ({
    agent: t.agent ? teacherOf(t.agent, options.agent) : options.agent ? { name: options.agent } : null,
    task: t.task,
    sourceFormat: s.format,
    sourcePath: s.path,
    sourceHash: t.key === undefined ? s.hash : contentHash(`${s.hash}\0${t.key}`),
    recordingBlob: t.recording ? hashes[next++] : null,
    sessionId: t.sessionId,
    reward: finite(t.reward),
    resolved: t.resolved,
    startedAt: t.startedAt,
    endedAt: t.endedAt,
    durationMs: whole(t.durationMs) ?? duration(t.startedAt, t.endedAt),
    promptTokens: whole(t.promptTokens),
    completionTokens: whole(t.completionTokens),
    cachedTokens: whole(t.cachedTokens),
    costUsd: finite(t.costUsd),
    failureTags: failureTags(t.steps, t.failureTags),
    importWarnings: t.warnings,
    steps: t.steps,
  }));
  const stored = await insertTrajectories(tx, inputs);
  let offset = 0;
  return sources.map((s) => stored.slice(offset, (offset += s.trajectories.length)));
}

function duration(start?: Date | null, end?: Date | null): number | null {
  return start && end && end >= start ? end.getTime() - start.getTime() : null;
}

function whole(n: number | null | undefined): number | null {
  return typeof n === "number" && Number.isFinite(n) && n >= 0 ? Math.round(n) : null;
}

function finite(n: number | null | undefined): number | null {
  return typeof n === "number" && Number.isFinite(n) ? n : null;
}
