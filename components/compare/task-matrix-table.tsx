import Link from "next/link";
import type { RouterOutputs } from "@/components/api-types";
import { EMPTY, formatCount, formatPercent } from "@/components/ui/format";
import { Metric } from "@/components/ui/metric";
import { TBody, THead, Table, Td, Th, Tr } from "@/components/ui/table";

type Cell = RouterOutputs["compare"]["matrix"][number];

/** The best attempt of each teacher on a task (up to four): what "Compare" opens side by side. */
export function compareHref(cells: Cell[]): string {
  return `/compare?ids=${cells
    .slice(0, 4)
    .map((c) => c.trajectoryIds[0])
    .join(",")}`;
}

/** Task × teacher: attempts, pass@1 and pass@k, mean steps and mean EGS, a row per teacher. */
export function TaskMatrixTable({ cells, footer }: { cells: Cell[]; footer: string }) {
  const tasks = [...new Set(cells.map((c) => c.task))];
  return (
    <Table caption="Tasks by teacher" footer={footer}>
      <THead>
        <Th>Task</Th>
        <Th>Teacher</Th>
        <Th numeric>Attempts</Th>
        <Th numeric title="Resolved among attempts with a known outcome">pass@1</Th>
        <Th numeric title="Resolved by at least one of the attempts">pass@k</Th>
        <Th numeric>Mean steps</Th>
        <Th numeric>Mean EGS</Th>
        <Th align="right">Side by side</Th>
      </THead>
      <TBody>
        {tasks.flatMap((task) => {
          const rows = cells.filter((c) => c.task === task);
          return rows.map((c, i) => (
            <Tr key={`${task}\u0000${c.agent}`}>
              <Td primary title={task} className="font-medium">
                {i === 0 ? task : ""}
              </Td>
              <Td>{c.agent}</Td>
              <Td numeric>{formatCount(c.attempts)}</Td>
              <Td numeric>{c.passAt1 === null ? EMPTY : formatPercent(c.passAt1)}</Td>
              <Td numeric>{c.passAtK === null ? EMPTY : `${c.passAtK ? "yes" : "no"} (k=${c.judged})`}</Td>
              <Td numeric>{c.meanSteps.toFixed(1)}</Td>
              <Td numeric>
                <Metric value={c.meanEgs} label="EGS" />
              </Td>
              <Td align="right">
                {i === 0 && (rows.length > 1 || rows[0]!.attempts > 1) && (
                  <Link className="text-xs underline" href={rows.length > 1 ? compareHref(rows) : `/compare?ids=${rows[0]!.trajectoryIds.slice(0, 4).join(",")}`}>
                    Compare
                  </Link>
                )}
              </Td>
            </Tr>
          ));
        })}
      </TBody>
    </Table>
  );
}
