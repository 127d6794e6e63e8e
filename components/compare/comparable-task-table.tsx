import { ChipList } from "@/components/ui/badge";
import { EMPTY, formatCount, formatPercent } from "@/components/ui/format";
import { TBody, THead, Table, Td, Th, Tr } from "@/components/ui/table";
import type { ComparableTask } from "./group-by-task";

function egsRange(t: ComparableTask): string {
  if (t.egsMin == null || t.egsMax == null) return EMPTY;
  if (t.egsMin === t.egsMax) return formatPercent(t.egsMin);
  return `${formatPercent(t.egsMin)} – ${formatPercent(t.egsMax)}`;
}

/** Tasks with several trajectories: which agents ran them, how often they passed, how far EGS spreads. */
export function ComparableTaskTable({ tasks, footer }: { tasks: ComparableTask[]; footer: string }) {
  return (
    <Table caption="Tasks with two or more trajectories" footer={footer}>
      <THead>
        <Th>Task</Th>
        <Th numeric>Trajectories</Th>
        <Th>Agents</Th>
        <Th numeric>Resolved</Th>
        <Th numeric>EGS range</Th>
      </THead>
      <TBody>
        {tasks.map((t) => (
          <Tr key={t.task}>
            <Td primary title={t.task} className="font-medium">
              {t.task}
            </Td>
            <Td numeric>{formatCount(t.trajectories)}</Td>
            <Td>
              <ChipList items={t.agents} max={3} />
            </Td>
            <Td numeric>{t.judged ? `${t.resolved} / ${t.judged}` : EMPTY}</Td>
            <Td numeric>{egsRange(t)}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
