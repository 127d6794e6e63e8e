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

/** Every query parameter of the list. */
const PARAMS = ["sort", "dir", "agent", "task", "outcome", "format", "failure", ...RANGE_KEYS, "q", "cmd", "loop"];

/**
 * Reads a view from query parameters; anything malformed is ignored, never an error page. What
 * was ignored is told to `problems` when given (a dataset's filter is refused instead: a typo
 * there would silently select everything).
 */
export function parseListView(params: Params & { keys?(): Iterable<string> }, problems?: string[]): ListView {
  const ignored = (what: string) => problems?.push(what);
  const sort = params.get("sort");
  const dir = params.get("dir");
  const outcome = params.get("outcome");
  const view: ListView = {
    sort: (SORT_KEYS as readonly string[]).includes(sort ?? "") ? (sort as SortKey) : "created",
    dir: dir === "asc" ? "asc" : "desc",
    filter: {},
  };
  if (sort !== null && view.sort !== sort) ignored(`sort=${sort} (sort by ${SORT_KEYS.join(", ")})`);
  if (dir !== null && dir !== view.dir) ignored(`dir=${dir} (asc or desc)`);
  const agents = params.getAll("agent").filter(Boolean);
  if (agents.length) view.filter.agents = agents;
  const task = params.get("task")?.trim();
  if (task) view.filter.task = task;
  if ((OUTCOMES as readonly string[]).includes(outcome ?? "")) view.filter.outcome = outcome as ListView["filter"]["outcome"];
  else if (outcome !== null) ignored(`outcome=${outcome} (${OUTCOMES.join(", ")})`);
  const format = params.get("format");
  if (format) view.filter.format = format;
  const failure = params.get("failure");
  if (failure) view.filter.failureTag = failure;
  for (const key of RANGE_KEYS) {
    const given = params.get(key);
    const range = parseRange(given);
    if (range) view.filter[key] = range;
    else if (given !== null) ignored(`${key}=${given} (a range like 0.5-1, 0.5- or -40)`);
  }
  const text = params.get("q")?.trim();
  if (text) view.filter.text = text;
  const command = params.get("cmd");
  if (command?.trim()) view.filter.command = command;
  const loop = params.get("loop");
  if ((LOOPS as readonly string[]).includes(loop ?? "")) view.filter.loop = loop as ListView["filter"]["loop"];
  else if (loop !== null) ignored(`loop=${loop} (${LOOPS.join(" or ")})`);
  for (const key of new Set(params.keys?.() ?? [])) if (!PARAMS.includes(key)) ignored(`"${key}" (fields: ${PARAMS.join(", ")})`);
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
