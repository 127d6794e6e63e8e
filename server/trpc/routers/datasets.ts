import { z } from "zod";
import { DatasetInput, createDataset, getDataset, listDatasets } from "../../datasets/create-dataset";
import { publicProcedure, router } from "../init";

export const datasetsRouter = router({
  list: publicProcedure.query(({ ctx }) => listDatasets(ctx.db)),
  get: publicProcedure.input(z.object({ name: z.string() })).query(({ ctx, input }) => getDataset(ctx.db, input.name)),
  create: publicProcedure
    .input(DatasetInput.omit({ createdBy: true }))
    .mutation(({ ctx, input }) => createDataset(ctx.db, { ...input, createdBy: ctx.userName })),
});
