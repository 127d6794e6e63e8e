import type { Db } from "@/db/client";
import { contentHash, putBlob } from "../blobs/blob-store";
import { createTrajectory } from "../trajectories/create-trajectory";
import type { NormalizedTrajectory, VirtualFile } from "../formats/types";
import { failureTags } from "./failure-tags";
import { teacherOf } from "./teacher-name";

export type StoredTrajectory = { id: number; duplicate: boolean; steps: number };

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
 * Stores every trajectory of one source in one transaction: a failure anywhere leaves nothing of
 * the source behind (recordings included, which share the transaction).
 */
export async function storeUnit(
  db: Db,
  unit: { format: string; path: string; hash: string },
  trajectories: NormalizedTrajectory[],
  options: { agent?: string } = {},
): Promise<StoredTrajectory[]> {
  return db.transaction(async (tx) => {
    const stored: StoredTrajectory[] = [];
    for (const t of trajectories) {
      const recordingBlob = t.recording ? await putBlob(tx, t.recording) : null;
      const agent = t.agent ? teacherOf(t.agent, options.agent) : options.agent ? { name: options.agent } : null;
      stored.push(
        await createTrajectory(tx, {
          agent,
          task: t.task,
          sourceFormat: unit.format,
          sourcePath: unit.path,
          sourceHash: t.key === undefined ? unit.hash : contentHash(`${unit.hash}\0${t.key}`),
          recordingBlob,
          sessionId: t.sessionId,
          reward: t.reward,
          resolved: t.resolved,
          startedAt: t.startedAt,
          endedAt: t.endedAt,
          durationMs: t.durationMs ?? duration(t.startedAt, t.endedAt),
          promptTokens: whole(t.promptTokens),
          completionTokens: whole(t.completionTokens),
          cachedTokens: whole(t.cachedTokens),
          costUsd: t.costUsd,
          failureTags: failureTags(t.steps, t.failureTags),
          importWarnings: t.warnings,
          steps: t.steps,
        }),
      );
    }
    return stored;
  });
}

function duration(start?: Date | null, end?: Date | null): number | null {
  return start && end && end >= start ? end.getTime() - start.getTime() : null;
}

function whole(n: number | null | undefined): number | null {
  return typeof n === "number" && Number.isFinite(n) && n >= 0 ? Math.round(n) : null;
}
