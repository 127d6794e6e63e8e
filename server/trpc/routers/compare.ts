import { z } from "zod";
import { taskTeacherMatrix } from "../../compare/task-matrix";
import { publicProcedure, router } from "../init";

export const compareRouter = router({
  /** Task × teacher: attempts, resolved, pass@1 / pass@k, mean steps, mean EGS, the attempts' ids. */
  matrix: publicProcedure
    .input(z.object({ task: z.string().min(1).optional(), minTrajectories: z.number().int().min(1).max(1000).optional() }))
    .query(({ ctx, input }) => taskTeacherMatrix(ctx.db, input)),
});
