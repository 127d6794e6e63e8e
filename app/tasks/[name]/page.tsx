import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TaskMatrixTable } from "@/components/compare/task-matrix-table";
import { ValidationBadge } from "@/components/tasks/validation-badge";
import { PageHeader } from "@/components/ui/page-header";
import { getQueryClient, trpc } from "@/server/trpc/rsc";

type Params = { params: Promise<{ name: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: decodeURIComponent((await params).name) };
}

/** One task: its instruction, its validation, and every teacher's attempts on it. */
export default async function TaskPage({ params }: Params) {
  const name = decodeURIComponent((await params).name);
  const queryClient = getQueryClient();
  const task = await queryClient.fetchQuery(trpc.tasks.get.queryOptions({ name })).catch(() => null);
  if (!task) notFound();
  const cells = await queryClient.fetchQuery(trpc.compare.matrix.queryOptions({ task: name }));
  const attempts = cells.reduce((n, c) => n + c.attempts, 0);
  return (
    <>
      <PageHeader
        title={task.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <ValidationBadge validation={task.validation} />
            {task.category && <span>{task.category}</span>}
            {task.difficulty && <span>· {task.difficulty}</span>}
            <Link href={`/trajectories?task=${encodeURIComponent(task.name)}`} className="underline">
              {attempts} {attempts === 1 ? "trajectory" : "trajectories"}
            </Link>
          </span>
        }
      />
      {task.instruction && (
        <section aria-label="Instruction" className="mb-4 rounded-lg border border-border bg-surface p-3">
          <h2 className="text-xs font-semibold tracking-wide text-muted uppercase">Instruction</h2>
          <p className="mt-1 text-sm whitespace-pre-wrap">{task.instruction}</p>
        </section>
      )}
      {cells.length > 0 && <TaskMatrixTable cells={cells} footer={`${cells.length} ${cells.length === 1 ? "teacher" : "teachers"}`} />}
    </>
  );
}
