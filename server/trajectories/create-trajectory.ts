import type { Db } from "@/db/client";
import { type CreateTrajectoryResult, insertTrajectories } from "./insert-trajectories";
import { TrajectoryInput } from "./trajectory-input";

export type { CreateTrajectoryResult };

/**
 * Stores one trajectory and its steps in one transaction: all of it or none of it. Content seen
 * before (same source hash) is not stored again; the existing id comes back as a duplicate.
 */
export async function createTrajectory(db: Db, input: TrajectoryInput): Promise<CreateTrajectoryResult> {
  const valid = TrajectoryInput.parse(input);
  return db.transaction(async (tx) => (await insertTrajectories(tx, [valid]))[0]!);
}
