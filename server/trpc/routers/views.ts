import { z } from "zod";
import { SavedViewInput, deleteView, listSavedViews, saveView } from "../../views/saved-views";
import { publicProcedure, router } from "../init";

/** Named trajectory-list views, shared by everyone using this studio. */
export const viewsRouter = router({
  list: publicProcedure.query(({ ctx }) => listSavedViews(ctx.db)),
  save: publicProcedure.input(SavedViewInput.omit({ createdBy: true })).mutation(({ ctx, input }) => saveView(ctx.db, { ...input, createdBy: ctx.userName })),
  delete: publicProcedure.input(z.object({ id: z.number().int().positive() })).mutation(({ ctx, input }) => deleteView(ctx.db, input.id)),
});
