"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import type { RolloutRow } from "@/components/api-types";
import { useTRPC } from "@/components/trpc/provider";
import { formatCount, formatDuration, formatReward } from "@/components/ui/format";
import { RelativeTime } from "@/components/ui/relative-time";
import { TBody, THead, Table, Td, Th, Tr } from "@/components/ui/table";
import { RolloutStatusBadge } from "./status-badge";

/** Server default of rollouts.list: the newest jobs only. */
const LIST_LIMIT = 100;
const isLive = (jobs: RolloutRow[]) => jobs.some((j) => j.status === "queued" || j.status === "running");

function duration(job: RolloutRow): number | null {
  if (!job.startedAt || !job.finishedAt) return null;
  return job.finishedAt.getTime() - job.startedAt.getTime();
}

/** Rollout jobs, newest first; polls while any job is queued or running. */
export function RolloutTable() {
  const trpc = useTRPC();
  const { data: jobs } = useSuspenseQuery({
    ...trpc.rollouts.list.queryOptions({}),
    refetchInterval: (query) => (query.state.data && isLive(query.state.data) ? 3000 : false),
  });
  if (jobs.length === 0) return <p className="text-sm text-muted">No rollouts.</p>;

  const footer =
    jobs.length >= LIST_LIMIT
      ? `The newest ${formatCount(jobs.length)} jobs`
      : `${formatCount(jobs.length)} ${jobs.length === 1 ? "job" : "jobs"}`;
  return (
    <Table caption="Rollout jobs, newest first" footer={isLive(jobs) ? `${footer} · updating live` : footer}>
      <THead>
        <Th numeric>Job</Th>
        <Th>Task</Th>
        <Th>Agent</Th>
        <Th>Status</Th>
        <Th numeric>Duration</Th>
        <Th numeric>Reward</Th>
        <Th>Result</Th>
        <Th align="right">Queued</Th>
      </THead>
      <TBody>
        {jobs.map((j) => (
          <Tr key={j.id}>
            <Td numeric muted>
              #{j.id}
            </Td>
            <Td primary title={`${j.task}, attempt ${j.attempt}`}>
              <span className="font-medium">{j.task}</span>
              <span className="ml-2 text-xs text-muted">attempt {j.attempt}</span>
            </Td>
            <Td truncate="max-w-44" title={j.agent}>
              {j.agent}
            </Td>
            <Td>
              <RolloutStatusBadge status={j.status} />
            </Td>
            <Td numeric>{formatDuration(duration(j))}</Td>
            <Td numeric>{formatReward(j.reward)}</Td>
            <Td truncate="max-w-48" title={j.error ?? undefined} className="text-xs">
              {j.error ? (
                <span className="text-danger">{j.error}</span>
              ) : j.trajectoryId ? (
                <span className="font-mono text-muted">trajectory #{j.trajectoryId}</span>
              ) : (
                <span className="text-muted">—</span>
              )}
            </Td>
            <Td muted align="right" className="text-xs">
              <RelativeTime date={j.queuedAt} />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
