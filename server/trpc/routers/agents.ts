import { z } from "zod";
import { getAgent, listAgents } from "../../agents/list-agents";
import { listStudentPoints } from "../../datasets/student-points";
import { agentStats } from "../../egs/agent-stats";
import { publicProcedure, router } from "../init";

export const agentsRouter = router({
  list: publicProcedure.query(({ ctx }) => listAgents(ctx.db)),
  /** Per teacher: resolved rate, mean steps, and the mean and spread of each metric. */
  stats: publicProcedure.query(({ ctx }) => agentStats(ctx.db)),
  /** Recorded student results with the teachers and mean EGS/TOR of the version each trained on. */
  students: publicProcedure.query(({ ctx }) => listStudentPoints(ctx.db)),
  get: publicProcedure.input(z.object({ name: z.string() })).query(({ ctx, input }) => getAgent(ctx.db, input.name)),
});
