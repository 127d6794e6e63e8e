import { formatCount } from "@/components/ui/format";
import type { ImportResult } from "@/server/imports/import-sources";

export type UploadFailure = { path: string; error: string };

export type Status = "imported" | "duplicate" | "failed" | "not-uploaded";

export type Row = {
  path: string;
  format?: string;
  status: Status;
  trajectoryIds: number[];
  steps?: number;
  warnings: string[];
  error?: string;
};

/**
 * One row per source, failures first so they cannot hide in a long report. A failure the server
 * met before parsing (an unreadable archive) has no report line of its own, so it gets one here,
 * and so does a file that never reached the server.
 */
export function rowsOf(result: ImportResult | null, uploadFailures: UploadFailure[]): Row[] {
  const reports: Row[] = result?.reports.map((r) => ({ ...r, steps: r.status === "failed" ? undefined : r.steps })) ?? [];
  const reported = new Set(reports.map((r) => r.path));
  const unreported: Row[] = (result?.failed ?? [])
    .filter((f) => !reported.has(f.path))
    .map((f) => ({ path: f.path, status: "failed", trajectoryIds: [], warnings: [], error: f.error }));
  const notUploaded: Row[] = uploadFailures.map((f) => ({ ...f, status: "not-uploaded", trajectoryIds: [], warnings: [] }));
  const order: Record<Status, number> = { "not-uploaded": 0, failed: 0, imported: 1, duplicate: 2 };
  return [...notUploaded, ...unreported, ...reports].sort((a, b) => order[a.status] - order[b.status]);
}

export function headline(result: ImportResult | null, failed: number, notUploaded: number): string {
  if (!result) return `Nothing was imported: ${notUploaded === 1 ? "the file" : `none of the ${formatCount(notUploaded)} files`} could be uploaded.`;
  const parts: string[] = [];
  if (result.trajectories > 0) parts.push(`${plural(result.trajectories, "new trajectory", "new trajectories")} with ${plural(result.steps, "step")}`);
  if (result.duplicates > 0) parts.push(`${plural(result.duplicates, "source")} already imported`);
  if (failed > 0) parts.push(`${plural(failed, "failure")}, listed first`);
  if (parts.length === 0) return result.skipped.length > 0 ? "Nothing in this upload is a trajectory format this studio reads." : "Nothing was imported.";
  return `${parts.join("; ")}.`;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;

/** "#12–#15, #19": an archive can hold hundreds of trajectories with consecutive ids. */
export function idRanges(ids: number[]): string {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j - i >= 2 ? `#${sorted[i]}–#${sorted[j]}` : sorted.slice(i, j + 1).map((id) => `#${id}`).join(", "));
    i = j + 1;
  }
  return parts.join(", ");
}

