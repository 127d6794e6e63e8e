"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { RouterOutputs } from "@/components/api-types";
import { useTRPC } from "@/components/trpc/provider";
import type { StepTag } from "./tags";

type StepViews = RouterOutputs["trajectories"]["stepViews"];

/**
 * Saves a label and shows it at once: the step's effective tag changes in the cached list before
 * the server answers (rolled back if it refuses); metrics and labels are refetched after.
 */
export function useLabeling(trajectoryId: number) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const stepsKey = trpc.trajectories.stepViews.queryKey({ id: trajectoryId });
  return useMutation(
    trpc.labels.create.mutationOptions({
      onMutate: async (input: { stepId: number; tag: StepTag; note?: string | null }) => {
        await queryClient.cancelQueries({ queryKey: stepsKey });
        const before = queryClient.getQueryData<StepViews>(stepsKey);
        queryClient.setQueryData<StepViews>(stepsKey, (steps) => steps?.map((s) => (s.id === input.stepId ? { ...s, tag: input.tag } : s)));
        return { before };
      },
      onError: (_error, _input, context) => {
        if (context?.before) queryClient.setQueryData(stepsKey, context.before);
      },
      onSettled: () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: stepsKey }),
          queryClient.invalidateQueries({ queryKey: trpc.trajectories.get.queryKey({ id: trajectoryId }) }),
        ]),
    }),
  );
}
