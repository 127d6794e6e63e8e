import {
  AgentIcon,
  CompareIcon,
  DatasetIcon,
  HomeIcon,
  ImportIcon,
  RolloutIcon,
  TaskIcon,
  TrajectoryIcon,
} from "@/components/ui/icons";
import type { Overview } from "@/components/api-types";

export type NavItem = {
  href: string;
  label: string;
  Icon: typeof HomeIcon;
  /** Which overview count the link shows as a badge, if any. */
  count?: keyof Overview;
};

export const NAV_ITEMS: NavItem[] = [
  { href: "/", label: "Overview", Icon: HomeIcon },
  { href: "/import", label: "Import", Icon: ImportIcon },
  { href: "/trajectories", label: "Trajectories", Icon: TrajectoryIcon, count: "trajectories" },
  { href: "/compare", label: "Compare", Icon: CompareIcon },
  { href: "/datasets", label: "Datasets", Icon: DatasetIcon, count: "datasets" },
  { href: "/tasks", label: "Tasks", Icon: TaskIcon, count: "tasks" },
  { href: "/rollouts", label: "Rollouts", Icon: RolloutIcon, count: "rollouts" },
  { href: "/agents", label: "Agents", Icon: AgentIcon, count: "agents" },
];

/** Overview only on "/" itself; a section also for the pages below it (e.g. /trajectories/42). */
export function isActive(href: string, pathname: string): boolean {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}
