import { ListRolloutsInput, listRolloutJobs } from "../../rollouts/enqueue-rollouts";
import { publicProcedure, router } from "../init";

export const rolloutsRouter = router({
  list: publicProcedure.input(ListRolloutsInput).query(({ ctx, input }) => listRolloutJobs(ctx.db, input)),
});
