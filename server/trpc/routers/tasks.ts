import { z } from "zod";
import { getTask, listTasks } from "../../tasks/list-tasks";
import { publicProcedure, router } from "../init";

export const tasksRouter = router({
  list: publicProcedure.query(({ ctx }) => listTasks(ctx.db)),
  get: publicProcedure.input(z.object({ name: z.string() })).query(({ ctx, input }) => getTask(ctx.db, input.name)),
});
