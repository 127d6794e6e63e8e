import { formatCount } from "@/components/ui/format";
import type { ImportResult } from "@/server/imports/import-sources";
import { plural } from "./report-rows";

/** Files that are not a source of their own, grouped by why; closed unless they are all there is. */
export function SkippedFiles({ skipped, open }: { skipped: ImportResult["skipped"]; open: boolean }) {
  const byReason = new Map<string, string[]>();
  for (const { path, reason } of skipped) {
    const paths = byReason.get(reason);
    if (paths) paths.push(path);
    else byReason.set(reason, [path]);
  }
  return (
    <details open={open} className="rounded-lg border border-border bg-surface text-sm">
      <summary className="cursor-pointer px-4 py-2.5 font-medium select-none">
        {plural(skipped.length, "file")} skipped
        <span className="font-normal text-muted"> · not trajectories, or read as part of another source</span>
      </summary>
      <div className="space-y-3 border-t border-border px-4 py-3">
        {[...byReason].map(([reason, paths]) => (
          <div key={reason}>
            <h3 className="text-xs font-medium">
              {reason} <span className="font-normal text-muted">({formatCount(paths.length)})</span>
            </h3>
            <ul className="mt-1 space-y-0.5">
              {paths.map((path) => (
                <li key={path} className="font-mono text-xs text-muted [overflow-wrap:anywhere]">
                  {path}
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </details>
  );
}
