import { z } from "zod";
import { getAgent, listAgents } from "../../agents/list-agents";
import { publicProcedure, router } from "../init";

export const agentsRouter = router({
  list: publicProcedure.query(({ ctx }) => listAgents(ctx.db)),
  get: publicProcedure.input(z.object({ name: z.string() })).query(({ ctx, input }) => getAgent(ctx.db, input.name)),
});
