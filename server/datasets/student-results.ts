import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { studentResults } from "@/db/schema";
import { ensureUser } from "../users/ensure-user";
import { findDatasetVersion } from "./freeze-dataset";

export const StudentResultInput = z.object({
  dataset: z.string().min(1),
  version: z.number().int().positive(),
  studentModel: z.string().trim().min(1).max(200),
  benchmark: z.string().trim().min(1).max(200),
  score: z.number().finite(),
  notes: z.string().max(10000).nullish(),
  createdBy: z.string().nullish(),
});
export type StudentResultInput = z.input<typeof StudentResultInput>;

/** Records what a student trained on a frozen version scored: curation → student, closed. */
export async function addStudentResult(db: Db, input: StudentResultInput) {
  const { dataset, version, createdBy, ...values } = StudentResultInput.parse(input);
  const frozen = await findDatasetVersion(db, dataset, version);
  const creator = createdBy ? await ensureUser(db, { name: createdBy }) : null;
  const [row] = await db
    .insert(studentResults)
    .values({ ...values, datasetVersionId: frozen.id, createdBy: creator?.id })
    .returning();
  return row!;
}

export async function listStudentResults(db: Db, datasetVersionId: number) {
  return db
    .select()
    .from(studentResults)
    .where(eq(studentResults.datasetVersionId, datasetVersionId))
    .orderBy(desc(studentResults.score), desc(studentResults.id));
}
