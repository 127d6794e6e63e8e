import { z } from "zod";
import { getReplay } from "../../trajectories/get-replay";
import { getTrajectory, listSteps } from "../../trajectories/get-trajectory";
import { listStepViews, stepObservation } from "../../trajectories/step-views";
import { ListTrajectoriesInput, listTrajectories } from "../../trajectories/list-trajectories";
import { publicProcedure, router } from "../init";

const Id = z.object({ id: z.number().int().positive() });

export const trajectoriesRouter = router({
  list: publicProcedure.input(ListTrajectoriesInput).query(({ ctx, input }) => listTrajectories(ctx.db, input)),
  get: publicProcedure.input(Id).query(({ ctx, input }) => getTrajectory(ctx.db, input.id)),
  steps: publicProcedure.input(Id).query(({ ctx, input }) => listSteps(ctx.db, input.id)),
  /** The workbench's step list: previews of long outputs, tags and rules, current labels. */
  stepViews: publicProcedure.input(Id).query(({ ctx, input }) => listStepViews(ctx.db, input.id)),
  observation: publicProcedure.input(z.object({ stepId: z.number().int().positive() })).query(({ ctx, input }) => stepObservation(ctx.db, input.stepId)),
  /** The recording (or one built from the steps) with each action's start time. */
  replay: publicProcedure.input(Id).query(({ ctx, input }) => getReplay(ctx.db, input.id)),
});
