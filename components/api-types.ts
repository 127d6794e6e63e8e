import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";

/** What each procedure returns, as the browser receives it (Dates stay Dates through superjson). */
export type RouterOutputs = inferRouterOutputs<AppRouter>;

export type Overview = RouterOutputs["system"]["overview"];
export type TrajectoryRow = RouterOutputs["trajectories"]["list"]["items"][number];
export type AgentRow = RouterOutputs["agents"]["list"][number];
export type TaskRow = RouterOutputs["tasks"]["list"][number];
export type DatasetRow = RouterOutputs["datasets"]["list"][number];
export type RolloutRow = RouterOutputs["rollouts"]["list"][number];
