"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/provider";
import { formatCount, formatPercent } from "@/components/ui/format";
import { Metric } from "@/components/ui/metric";
import { RelativeTime } from "@/components/ui/relative-time";
import { TBody, THead, Table, Td, Th, Tr } from "@/components/ui/table";

/**
 * Every agent (teacher) with its outcome and grounding side by side: the strongest agent is not
 * always the best teacher, so resolved rate and EGS sit next to each other.
 */
export function AgentTable() {
  const trpc = useTRPC();
  const { data: agents } = useSuspenseQuery(trpc.agents.list.queryOptions());
  const { data: stats } = useSuspenseQuery(trpc.agents.stats.queryOptions());
  if (agents.length === 0) return <p className="text-sm text-muted">No agents.</p>;
  const statsOf = new Map(stats.map((s) => [s.name, s]));

  return (
    <Table caption="Agents" footer={`${formatCount(agents.length)} ${agents.length === 1 ? "agent" : "agents"}`}>
      <THead>
        <Th>Agent</Th>
        <Th>Model</Th>
        <Th>Harness</Th>
        <Th numeric>Trajectories</Th>
        <Th numeric title="Resolved among trajectories with a known outcome">
          Resolved
        </Th>
        <Th numeric>Mean steps</Th>
        <Th numeric title="Targeted Observation Ratio, mean over trajectories with an act">TOR</Th>
        <Th numeric title="Verify-after-act, mean over trajectories with an act">VAR</Th>
        <Th numeric title="Environment-Grounded Supervision, mean over trajectories with an act">EGS</Th>
        <Th align="right">First seen</Th>
      </THead>
      <TBody>
        {agents.map((a) => {
          const s = statsOf.get(a.name);
          return (
            <Tr key={a.id}>
              <Td primary title={a.name} className="font-medium">
                {a.name}
              </Td>
              <Td mono muted truncate="max-w-64" title={a.model ?? undefined}>
                {a.model ?? "—"}
              </Td>
              <Td muted>{a.harness ?? "—"}</Td>
              <Td numeric>{formatCount(a.trajectories)}</Td>
              <Td numeric title={s ? `${s.resolved} of ${s.judged} with an outcome` : undefined}>
                {s?.resolvedRate == null ? "—" : formatPercent(s.resolvedRate)}
              </Td>
              <Td numeric>{s ? s.meanSteps.toFixed(1) : "—"}</Td>
              <Td numeric>
                <Metric value={s?.tor} label="TOR" />
              </Td>
              <Td numeric>
                <Metric value={s?.var} label="VAR" />
              </Td>
              <Td numeric className="font-medium">
                <Metric value={s?.egs} label="EGS" />
              </Td>
              <Td muted align="right" className="text-xs">
                <RelativeTime date={a.createdAt} />
              </Td>
            </Tr>
          );
        })}
      </TBody>
    </Table>
  );
}
