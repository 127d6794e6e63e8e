"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/provider";
import { formatCount } from "@/components/ui/format";
import { RelativeTime } from "@/components/ui/relative-time";
import { TBody, THead, Table, Td, Th, Tr } from "@/components/ui/table";

/** Every agent (teacher) by name, with how many of its trajectories are stored. */
export function AgentTable() {
  const trpc = useTRPC();
  const { data: agents } = useSuspenseQuery(trpc.agents.list.queryOptions());
  if (agents.length === 0) return <p className="text-sm text-muted">No agents.</p>;

  return (
    <Table caption="Agents" footer={`${formatCount(agents.length)} ${agents.length === 1 ? "agent" : "agents"}`}>
      <THead>
        <Th>Agent</Th>
        <Th>Model</Th>
        <Th>Version</Th>
        <Th>Harness</Th>
        <Th>Provider</Th>
        <Th numeric>Trajectories</Th>
        <Th align="right">First seen</Th>
      </THead>
      <TBody>
        {agents.map((a) => (
          <Tr key={a.id}>
            <Td primary title={a.name} className="font-medium">
              {a.name}
            </Td>
            <Td mono muted truncate="max-w-72" title={a.model ?? undefined}>
              {a.model ?? "—"}
            </Td>
            <Td mono muted>
              {a.version ?? "—"}
            </Td>
            <Td muted>{a.harness ?? "—"}</Td>
            <Td muted>{a.provider ?? "—"}</Td>
            <Td numeric>{formatCount(a.trajectories)}</Td>
            <Td muted align="right" className="text-xs">
              <RelativeTime date={a.createdAt} />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
