import { z } from "zod";
import { DatasetInput, createDataset, listDatasets } from "../../datasets/create-dataset";
import { datasetPage, previewDataset } from "../../datasets/dataset-page";
import { freezeDataset } from "../../datasets/freeze-dataset";
import { StudentResultInput, addStudentResult } from "../../datasets/student-results";
import { EXPORT_FORMATS, ExportOptions } from "../../exports/export-dataset";
import { cancelExportJob, startExportJob } from "../../exports/export-jobs";
import { publicProcedure, router } from "../init";

const Name = z.object({ name: z.string().min(1) });

export const datasetsRouter = router({
  list: publicProcedure.query(({ ctx }) => listDatasets(ctx.db)),
  get: publicProcedure.input(Name).query(({ ctx, input }) => datasetPage(ctx.db, input.name)),
  create: publicProcedure.input(DatasetInput.omit({ createdBy: true })).mutation(({ ctx, input }) => createDataset(ctx.db, { ...input, createdBy: ctx.userName })),
  /** How many trajectories freezing now would select, and what each curation step left out. */
  preview: publicProcedure.input(Name).query(({ ctx, input }) => previewDataset(ctx.db, input.name)),
  freeze: publicProcedure.input(Name).mutation(({ ctx, input }) => freezeDataset(ctx.db, { dataset: input.name, createdBy: ctx.userName })),
  /** Starts an export in the server; follow it with `get` (status, progress), download it from /api/exports/ID. */
  export: publicProcedure
    .input(z.object({ name: z.string().min(1), version: z.number().int().positive(), format: z.enum(EXPORT_FORMATS), options: ExportOptions.partial().default({}) }))
    .mutation(({ ctx, input }) => startExportJob(ctx.database, { dataset: input.name, version: input.version, format: input.format, options: input.options, createdBy: ctx.userName })),
  cancelExport: publicProcedure.input(z.object({ id: z.number().int().positive() })).mutation(({ input }) => ({ cancelled: cancelExportJob(input.id) })),
  addStudent: publicProcedure.input(StudentResultInput.omit({ createdBy: true })).mutation(({ ctx, input }) => addStudentResult(ctx.db, { ...input, createdBy: ctx.userName })),
});
