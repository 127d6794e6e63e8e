import { Button } from "@/components/ui/button";
import { formatCount } from "@/components/ui/format";
import { formatBytes } from "./format-bytes";

/** Bytes and files sent so far, with the way out. */
export function UploadProgress({
  sentBytes,
  totalBytes,
  doneFiles,
  totalFiles,
  failedFiles,
  onCancel,
}: {
  sentBytes: number;
  totalBytes: number;
  doneFiles: number;
  totalFiles: number;
  failedFiles: number;
  onCancel(): void;
}) {
  const percent = totalBytes > 0 ? Math.min(100, Math.floor((sentBytes / totalBytes) * 100)) : doneFiles === totalFiles ? 100 : 0;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 text-xs">
        <span className="font-medium">
          Uploading… <span className="font-normal text-muted tabular-nums">{formatBytes(sentBytes)} of {formatBytes(totalBytes)}</span>
        </span>
        <span className="text-muted tabular-nums">
          {formatCount(doneFiles)} of {formatCount(totalFiles)} files
          {failedFiles > 0 && <span className="text-danger"> · {formatCount(failedFiles)} failed</span>}
        </span>
      </div>
      <Bar percent={percent} label={`Upload: ${formatBytes(sentBytes)} of ${formatBytes(totalBytes)}`} />
      <Button onClick={onCancel}>Cancel upload</Button>
    </div>
  );
}

/** Uploaded; the server is parsing, scoring and storing. It cannot be cancelled halfway, so no button. */
export function ImportingProgress({ files }: { files: number }) {
  return (
    <div className="space-y-2">
      <p className="text-xs">
        <span className="font-medium">Importing…</span>{" "}
        <span className="text-muted">
          the server is reading, tagging and scoring {files === 1 ? "the file" : `${formatCount(files)} files`}.
        </span>
      </p>
      <Bar label="Importing" />
    </div>
  );
}

/** Determinate with `percent`, else a pulsing full bar. */
function Bar({ percent, label }: { percent?: number; label: string }) {
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={percent === undefined ? undefined : 0}
      aria-valuemax={percent === undefined ? undefined : 100}
      aria-valuenow={percent}
      className="h-2 overflow-hidden rounded-full bg-subtle ring-1 ring-border ring-inset"
    >
      <div
        className={percent === undefined ? "h-full w-full animate-pulse bg-accent/60" : "h-full bg-accent transition-[width] duration-200"}
        style={percent === undefined ? undefined : { width: `${percent}%` }}
      />
    </div>
  );
}
