import { createCallerFactory, router } from "./init";
import { agentsRouter } from "./routers/agents";
import { compareRouter } from "./routers/compare";
import { datasetsRouter } from "./routers/datasets";
import { importsRouter } from "./routers/imports";
import { labelsRouter } from "./routers/labels";
import { rolloutsRouter } from "./routers/rollouts";
import { systemRouter } from "./routers/system";
import { tasksRouter } from "./routers/tasks";
import { trajectoriesRouter } from "./routers/trajectories";
import { viewsRouter } from "./routers/views";

export const appRouter = router({
  system: systemRouter,
  trajectories: trajectoriesRouter,
  agents: agentsRouter,
  tasks: tasksRouter,
  labels: labelsRouter,
  datasets: datasetsRouter,
  imports: importsRouter,
  rollouts: rolloutsRouter,
  compare: compareRouter,
  views: viewsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
