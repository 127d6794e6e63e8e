import { z } from "zod";
import { getTrajectory, listSteps } from "../../trajectories/get-trajectory";
import { ListTrajectoriesInput, listTrajectories } from "../../trajectories/list-trajectories";
import { publicProcedure, router } from "../init";

const Id = z.object({ id: z.number().int().positive() });

export const trajectoriesRouter = router({
  list: publicProcedure.input(ListTrajectoriesInput).query(({ ctx, input }) => listTrajectories(ctx.db, input)),
  get: publicProcedure.input(Id).query(({ ctx, input }) => getTrajectory(ctx.db, input.id)),
  steps: publicProcedure.input(Id).query(({ ctx, input }) => listSteps(ctx.db, input.id)),
});
