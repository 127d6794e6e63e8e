import { z } from "zod";
import { importUpload } from "../../imports/uploads";
import { publicProcedure, router } from "../init";

export const importsRouter = router({
  /** Imports what was uploaded under `uploadId` and returns the validation report. */
  commit: publicProcedure
    .input(z.object({ uploadId: z.string(), agent: z.string().trim().min(1).max(200).optional() }))
    .mutation(({ ctx, input }) => importUpload(ctx.db, input.uploadId, { agent: input.agent })),
});
