/*
 * The trajectory list's vocabulary: the page's URL parser and the server's filter schema
 * (server/trajectories/list-trajectories.ts) both read it. It imports nothing, so both can.
 */
export const SORT_KEYS = ["created", "egs", "tor", "var", "steps", "reward"] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export const OUTCOMES = ["resolved", "failed", "unknown"] as const;

/** "open": no verify after the last act; "closed": the last act was checked. */
export const LOOPS = ["open", "closed"] as const;

/** Filters that are min–max ranges. */
export const RANGE_KEYS = ["egs", "tor", "var", "steps"] as const;
