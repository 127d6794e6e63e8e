import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { tasks } from "@/db/schema";

export const TaskInput = z.object({
  name: z.string().trim().min(1).max(300),
  source: z.string().max(500).nullish(),
  instruction: z.string().nullish(),
  category: z.string().max(100).nullish(),
  difficulty: z.string().max(50).nullish(),
  tags: z.array(z.string().max(100)).max(100).default([]),
  environment: z
    .object({
      image: z.string().optional(),
      dockerfile: z.string().optional(),
      cpus: z.number().positive().optional(),
      memoryMb: z.number().int().positive().optional(),
      allowInternet: z.boolean().optional(),
      storageMb: z.number().int().positive().optional(),
      buildTimeoutSec: z.number().positive().optional(),
      agentTimeoutSec: z.number().positive().optional(),
      verifierTimeoutSec: z.number().positive().optional(),
    })
    .nullish(),
  checksum: z.string().nullish(),
  /** Blob hash of the task directory's tar (tasks added from a directory). */
  bundleBlob: z.string().nullish(),
  hasTests: z.boolean().default(false),
  hasSolution: z.boolean().default(false),
});
export type TaskInput = z.input<typeof TaskInput>;

/**
 * The task named `input.name`: created if new, else its definition replaced (a task directory
 * added again is the newer truth). Its validation is kept only if the checksum did not change.
 */
export async function upsertTask(db: Db, input: TaskInput) {
  const values = TaskInput.parse(input);
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: tasks.id, checksum: tasks.checksum })
      .from(tasks)
      .where(eq(tasks.name, values.name))
      .for("update");
    const definitionChanged = !existing || existing.checksum !== values.checksum;
    const [row] = await tx
      .insert(tasks)
      .values(values)
      .onConflictDoUpdate({
        target: tasks.name,
        set: {
          ...values,
          ...(definitionChanged
            ? { validation: "unvalidated" as const, oraclePassed: null, nopFailed: null, validatedAt: null }
            : {}),
        },
      })
      .returning();
    return row!;
  });
}
