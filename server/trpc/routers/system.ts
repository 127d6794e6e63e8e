import { checkHealth } from "../../system/health";
import { getOverview } from "../../system/overview";
import { publicProcedure, router } from "../init";

export const systemRouter = router({
  health: publicProcedure.query(({ ctx }) => checkHealth(ctx.database)),
  overview: publicProcedure.query(({ ctx }) => getOverview(ctx.db)),
});
