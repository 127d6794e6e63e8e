import { LOOPS, OUTCOMES, RANGE_KEYS, SORT_KEYS, type SortKey } from "./list-keys";
import type { TrajectoryFilter } from "@/server/trajectories/list-trajectories";

/*
 * The trajectory list's view lives in the URL (a view is a link): sort, direction and filters as
 * query parameters, parsed the same way by the server page (prefetch) and the client table.
 *   ?sort=egs&dir=asc&agent=a&agent=b&outcome=resolved&task=config&egs=0.5-1&steps=-40
 *   &q=permission+denied&cmd=pip+install&loop=open
 */
export const TRAJECTORY_PAGE_SIZE = 50;

export type Range = { min?: number; max?: number };
export type ListView = { sort: SortKey; dir: "asc" | "desc"; filter: TrajectoryFilter };

type Params = { get(name: string): string | null; getAll(name: string): string[] };

/** Reads a view from query parameters; anything malformed is ignored, never an error page. */
export function parseListView(params: Params): ListView {
  const sort = params.get("sort");
  const outcome = params.get("outcome");
  const view: ListView = {
    sort: (SORT_KEYS as readonly string[]).includes(sort ?? "") ? (sort as SortKey) : "created",
    dir: params.get("dir") === "asc" ? "asc" : "desc",
    filter: {},
  };
  const agents = params.getAll("agent").filter(Boolean);
  if (agents.length) view.filter.agents = agents;
  const task = params.get("task")?.trim();
  if (task) view.filter.task = task;
  if ((OUTCOMES as readonly string[]).includes(outcome ?? "")) view.filter.outcome = outcome as ListView["filter"]["outcome"];
  const format = params.get("format");
  if (format) view.filter.format = format;
  const failure = params.get("failure");
  if (failure) view.filter.failureTag = failure;
  for (const key of RANGE_KEYS) {
    const range = parseRange(params.get(key));
    if (range) view.filter[key] = range;
  }
  const text = params.get("q")?.trim();
  if (text) view.filter.text = text;
  const command = params.get("cmd");
  if (command?.trim()) view.filter.command = command;
  const loop = params.get("loop");
  if ((LOOPS as readonly string[]).includes(loop ?? "")) view.filter.loop = loop as ListView["filter"]["loop"];
  return view;
}

/** `0.5-1`, `0.5-`, `-40`: a range with either end optional. */
function parseRange(text: string | null): Range | undefined {
  const m = text?.match(/^\s*(\d*\.?\d*)\s*-\s*(\d*\.?\d*)\s*$/);
  if (!m) return undefined;
  const range: Range = {};
  if (m[1]) range.min = Number(m[1]);
  if (m[2]) range.max = Number(m[2]);
  return range.min === undefined && range.max === undefined ? undefined : range;
}

/** The query string of a view (defaults left out, so the plain list is `/trajectories`). */
export function listViewQuery(view: ListView): string {
  const q = new URLSearchParams();
  if (view.sort !== "created") q.set("sort", view.sort);
  if (view.dir !== "desc") q.set("dir", view.dir);
  for (const a of view.filter.agents ?? []) q.append("agent", a);
  if (view.filter.task) q.set("task", view.filter.task);
  if (view.filter.outcome) q.set("outcome", view.filter.outcome);
  if (view.filter.format) q.set("format", view.filter.format);
  if (view.filter.failureTag) q.set("failure", view.filter.failureTag);
  for (const key of RANGE_KEYS) {
    const r = view.filter[key];
    if (r) q.set(key, `${r.min ?? ""}-${r.max ?? ""}`);
  }
  if (view.filter.text) q.set("q", view.filter.text);
  if (view.filter.command) q.set("cmd", view.filter.command);
  if (view.filter.loop) q.set("loop", view.filter.loop);
  const text = q.toString();
  return text ? `?${text}` : "";
}

/** The tRPC input for a view's first page (the same object makes the same query key). */
export function listInput(view: ListView) {
  return { limit: TRAJECTORY_PAGE_SIZE, sort: view.sort, dir: view.dir, filter: view.filter };
}

export function nextTrajectoryCursor(page: { nextCursor: string | null }) {
  return page.nextCursor;
}
