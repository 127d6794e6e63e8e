"use client";

import Link from "next/link";
import { useSuspenseQuery } from "@tanstack/react-query";
import type { TaskRow } from "@/components/api-types";
import { useTRPC } from "@/components/trpc/provider";
import { ChipList } from "@/components/ui/badge";
import { formatCount } from "@/components/ui/format";
import { TBody, THead, Table, Td, Th, Tr } from "@/components/ui/table";
import { YesNo } from "@/components/ui/yes-no";
import { ValidationBadge } from "./validation-badge";

function summary(tasks: TaskRow[]): string {
  const by = new Map<string, number>();
  for (const t of tasks) by.set(t.validation, (by.get(t.validation) ?? 0) + 1);
  const parts = (["valid", "invalid", "error", "unvalidated"] as const)
    .filter((v) => by.has(v))
    .map((v) => `${formatCount(by.get(v)!)} ${v}`);
  return `${formatCount(tasks.length)} ${tasks.length === 1 ? "task" : "tasks"}: ${parts.join(" · ")}`;
}

/** Tasks by name, with what they ship (tests, solution) and whether their round trip validated. */
export function TaskTable() {
  const trpc = useTRPC();
  const { data: tasks } = useSuspenseQuery(trpc.tasks.list.queryOptions());
  if (tasks.length === 0) return <p className="text-sm text-muted">No tasks.</p>;

  return (
    <Table caption="Tasks" footer={summary(tasks)}>
      <THead>
        <Th>Task</Th>
        <Th>Source</Th>
        <Th>Category</Th>
        <Th>Difficulty</Th>
        <Th>Tags</Th>
        <Th align="center">Tests</Th>
        <Th align="center">Solution</Th>
        <Th>Validation</Th>
      </THead>
      <TBody>
        {tasks.map((t) => (
          <Tr key={t.id}>
            <Td primary title={t.name} className="font-medium">
              <Link href={`/tasks/${encodeURIComponent(t.name)}`} className="hover:underline">
                {t.name}
              </Link>
            </Td>
            <Td muted truncate="max-w-36" title={t.source ?? undefined}>
              {t.source ?? "—"}
            </Td>
            <Td muted truncate="max-w-36" title={t.category ?? undefined}>
              {t.category ?? "—"}
            </Td>
            <Td muted>{t.difficulty ?? "—"}</Td>
            <Td>
              <ChipList items={t.tags} />
            </Td>
            <Td align="center">
              <YesNo value={t.hasTests} yes="has tests" no="no tests" />
            </Td>
            <Td align="center">
              <YesNo value={t.hasSolution} yes="has a solution" no="no solution" />
            </Td>
            <Td>
              <ValidationBadge validation={t.validation} />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
