import Link from "next/link";
import type { Overview } from "@/components/api-types";
import { formatCount } from "@/components/ui/format";
import { ArrowRightIcon } from "@/components/ui/icons";

const STATS: { key: keyof Overview; label: string; href: string; hint: string }[] = [
  { key: "trajectories", label: "Trajectories", href: "/trajectories", hint: "imported runs" },
  { key: "steps", label: "Steps", href: "/trajectories", hint: "in all trajectories" },
  { key: "agents", label: "Agents", href: "/agents", hint: "teachers seen" },
  { key: "tasks", label: "Tasks", href: "/tasks", hint: "known tasks" },
  { key: "datasets", label: "Datasets", href: "/datasets", hint: "curated sets" },
  { key: "rollouts", label: "Rollouts", href: "/rollouts", hint: "jobs, any status" },
];

/** The studio's counts, each a way into its section. */
export function StatGrid({ counts }: { counts: Overview }) {
  return (
    <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-6">
      {STATS.map(({ key, label, href, hint }) => (
        <li key={key}>
          <Link
            href={href}
            className="group block h-full rounded-lg border border-border bg-surface px-4 py-3 transition-colors hover:border-border-strong hover:bg-subtle/40"
          >
            <span className="flex items-center justify-between text-xs font-medium text-muted">
              {label}
              <ArrowRightIcon width={12} height={12} className="opacity-0 transition-opacity group-hover:opacity-100" />
            </span>
            <span className="mt-1 block text-2xl font-semibold tracking-tight tabular-nums">{formatCount(counts[key])}</span>
            <span className="block text-xs text-muted">{hint}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
