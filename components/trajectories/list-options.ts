/*
 * Shared by the server page (prefetch) and the client table (useInfiniteQuery): the same input
 * makes the same query key, so the prefetched first page is what the table starts from.
 */
export const TRAJECTORY_PAGE_SIZE = 50;

export const trajectoryListInput = { limit: TRAJECTORY_PAGE_SIZE };

export function nextTrajectoryCursor(page: { nextCursor: number | null }) {
  return page.nextCursor;
}
