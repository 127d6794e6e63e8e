"use client";

import { memo, type ReactNode, useState } from "react";
import { formatCount } from "@/components/ui/format";
import { CheckIcon, CloseIcon } from "@/components/ui/icons";
import type { PickedFile } from "./collect-files";
import { formatBytes } from "./format-bytes";

export type FileState = { status: "queued" | "sending" | "sent" | "failed"; loaded: number; error?: string };

/** Rows drawn before "Show all": a dropped dataset can hold tens of thousands of files. */
const FIRST_ROWS = 300;

/** The chosen files with their sizes, and during an upload each one's state. */
export function FileList({
  files,
  states,
  onRemove,
  footer,
}: {
  files: PickedFile[];
  /** Per file, in the same order, once an upload has started. */
  states?: FileState[];
  onRemove?(path: string): void;
  footer: ReactNode;
}) {
  const [showAll, setShowAll] = useState(false);
  const total = files.reduce((n, f) => n + f.file.size, 0);
  const shown = showAll ? files : files.slice(0, FIRST_ROWS);
  return (
    <section aria-labelledby="chosen-files" className="overflow-hidden rounded-lg border border-border bg-surface">
      <div className="flex items-baseline justify-between gap-4 border-b border-border bg-subtle/60 px-4 py-2">
        <h2 id="chosen-files" className="text-sm font-semibold">
          {formatCount(files.length)} {files.length === 1 ? "file" : "files"}
          <span className="font-normal text-muted"> · {formatBytes(total)}</span>
        </h2>
      </div>
      <ul className="max-h-80 overflow-y-auto text-[13px]">
        {shown.map((pick, i) => (
          <FileRow key={pick.path} pick={pick} state={states?.[i]} onRemove={onRemove} />
        ))}
      </ul>
      {shown.length < files.length && (
        <div className="border-t border-border px-4 py-2 text-xs text-muted">
          Showing the first {formatCount(shown.length)} of {formatCount(files.length)} files.{" "}
          <button type="button" onClick={() => setShowAll(true)} className="font-medium text-accent hover:underline">
            Show all
          </button>
        </div>
      )}
      <div className="border-t border-border px-4 py-3">{footer}</div>
    </section>
  );
}

// Memoized: upload progress re-renders the list many times a second, but only the rows in flight change.
const FileRow = memo(function FileRow({
  pick,
  state,
  onRemove,
}: {
  pick: PickedFile;
  state?: FileState;
  onRemove?(path: string): void;
}) {
  return (
    <li className="flex items-start gap-3 border-b border-border/70 px-4 py-1.5 last:border-b-0">
      <div className="min-w-0 flex-1">
        <p className="font-mono text-xs leading-5 [overflow-wrap:anywhere]">{pick.path}</p>
        {state?.error && <p className="mt-0.5 text-xs text-danger [overflow-wrap:anywhere]">{state.error}</p>}
      </div>
      <span className="shrink-0 font-mono text-xs leading-5 text-muted tabular-nums">{formatBytes(pick.file.size)}</span>
      <span className="flex w-14 shrink-0 justify-end text-xs leading-5">
        {state ? (
          <FileStatus state={state} size={pick.file.size} />
        ) : (
          onRemove && (
            <button
              type="button"
              aria-label={`Remove ${pick.path}`}
              title="Remove"
              onClick={() => onRemove(pick.path)}
              className="grid size-5 place-items-center rounded text-muted transition-colors hover:bg-subtle hover:text-text"
            >
              <CloseIcon width={12} height={12} />
            </button>
          )
        )}
      </span>
    </li>
  );
});

function FileStatus({ state, size }: { state: FileState; size: number }) {
  switch (state.status) {
    case "queued":
      return <span className="text-muted">waiting</span>;
    case "sending":
      return <span className="font-mono tabular-nums">{size > 0 ? Math.floor((state.loaded / size) * 100) : 0}%</span>;
    case "sent":
      return (
        <span className="inline-flex items-center gap-1 text-success">
          <CheckIcon width={12} height={12} />
          sent
        </span>
      );
    case "failed":
      return <span className="font-medium text-danger">failed</span>;
  }
}
