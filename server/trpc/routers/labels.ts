import { z } from "zod";
import { LabelInput, addLabel } from "../../labels/add-label";
import { disagreements, labelAgreement } from "../../labels/agreement";
import { currentLabels, labelHistory } from "../../labels/list-labels";
import { publicProcedure, router } from "../init";

const StepId = z.object({ stepId: z.number().int().positive() });

export const labelsRouter = router({
  // The annotator is whoever is signed in, never a name the client sends.
  create: publicProcedure
    .input(LabelInput.omit({ annotator: true }))
    .mutation(({ ctx, input }) => addLabel(ctx.db, { ...input, annotator: ctx.userName })),
  history: publicProcedure.input(StepId).query(({ ctx, input }) => labelHistory(ctx.db, input.stepId)),
  current: publicProcedure.input(StepId).query(({ ctx, input }) => currentLabels(ctx.db, input.stepId)),
  /** Cohen's κ between every pair of annotators and the auto tagger. */
  agreement: publicProcedure.query(({ ctx }) => labelAgreement(ctx.db)),
  /** Steps where annotators (or, with includeAuto, a human and the tagger) disagree. */
  disagreements: publicProcedure
    .input(z.object({ limit: z.number().int().min(1).max(500).optional(), afterStepId: z.number().int().nonnegative().optional(), includeAuto: z.boolean().optional() }))
    .query(({ ctx, input }) => disagreements(ctx.db, input)),
});
