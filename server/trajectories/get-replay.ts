import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { steps, trajectories } from "@/db/schema";
import { getBlob } from "../blobs/blob-store";
import { NotFoundError } from "../errors";
import { synthesizeCast } from "../replay/synthesize-cast";

export type Replay = {
  /** asciicast v2 or v3 text. */
  cast: string;
  /** True when the source had no recording and the cast was built from the steps. */
  synthesized: boolean;
  /** Where each agent action starts in the cast (seconds), by step index. */
  markers: { step: number; time: number }[];
};

/**
 * What the replay plays: the recorded session, or — when the source had none — a session built
 * from the steps (prompt, command, output), so every trajectory replays.
 */
export async function getReplay(db: Db, trajectoryId: number): Promise<Replay> {
  const [t] = await db.select({ recordingBlob: trajectories.recordingBlob }).from(trajectories).where(eq(trajectories.id, trajectoryId));
  if (!t) throw new NotFoundError("trajectory", trajectoryId);
  const rows = await db
    .select({ index: steps.index, source: steps.source, action: steps.action, observation: steps.observation, startedAt: steps.startedAt, recordingOffset: steps.recordingOffset })
    .from(steps)
    .where(eq(steps.trajectoryId, trajectoryId))
    .orderBy(asc(steps.index));
  if (t.recordingBlob) {
    const cast = (await getBlob(db, t.recordingBlob)).toString("utf8");
    const markers = rows.flatMap((r) => (r.source === "agent" && r.action && r.recordingOffset !== null ? [{ step: r.index, time: r.recordingOffset }] : []));
    return { cast, synthesized: false, markers };
  }
  const built = synthesizeCast(rows);
  // synthesizeCast numbers the steps by position; positions are the stored indexes.
  return { cast: built.cast, synthesized: true, markers: built.markers.map((m) => ({ step: rows[m.step]?.index ?? m.step, time: m.time })) };
}
