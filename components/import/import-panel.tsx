"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { formatCount } from "@/components/ui/format";
import type { ImportResult } from "@/server/imports/import-sources";
import { type Collected, type PickedFile, mergePicked } from "./collect-files";
import { CHOOSE_FILES_ID, DropZone } from "./drop-zone";
import { FileList, type FileState } from "./file-list";
import { formatBytes } from "./format-bytes";
import { ImportReport } from "./import-report";
import { LinkButton } from "./link-button";
import { TeacherField } from "./teacher-field";
import { type Phase, useUploadImport } from "./use-upload-import";
import { ImportingProgress, UploadProgress } from "./upload-progress";

/** Choose → upload (cancellable) → import → report. */
export function ImportPanel() {
  const run = useUploadImport();
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [reading, setReading] = useState(false);
  const [readErrors, setReadErrors] = useState<string[]>([]);
  const [emptyDrop, setEmptyDrop] = useState(false);
  const [agent, setAgent] = useState("");
  const focusChooser = useRef(false);

  useEffect(() => {
    if (run.phase === "choosing" && focusChooser.current) {
      focusChooser.current = false;
      document.getElementById(CHOOSE_FILES_ID)?.focus();
    }
  }, [run.phase]);

  const onFiles = useCallback(({ files: added, errors }: Collected) => {
    setReading(false);
    setReadErrors(errors);
    setEmptyDrop(added.length === 0 && errors.length === 0);
    setFiles((current) => mergePicked(current, added));
  }, []);

  const remove = useCallback((path: string) => setFiles((current) => current.filter((f) => f.path !== path)), []);

  function importMore() {
    focusChooser.current = true;
    setFiles([]);
    setAgent("");
    setReadErrors([]);
    setEmptyDrop(false);
    run.reset();
  }

  const total = files.reduce((n, f) => n + f.file.size, 0);
  const notice = run.cancelled
    ? "Upload cancelled. Nothing was imported; the files are still chosen."
    : emptyDrop
      ? "There are no files in what was dropped."
      : null;

  return (
    <div className="space-y-4">
      <p role="status" aria-live="polite" className="sr-only">
        {statusText({ ...run, reading, files: files.length, total, notice })}
      </p>

      {run.phase === "done" ? (
        <ImportReport
          result={run.result}
          uploadFailures={run.uploadFailures}
          headingRef={focusOnMount}
          actions={
            <>
              {run.result && run.result.trajectories + run.result.duplicates > 0 && (
                <LinkButton href="/trajectories" variant="primary">
                  View trajectories
                </LinkButton>
              )}
              <Button onClick={importMore}>Import more</Button>
            </>
          }
        />
      ) : (
        <div className="max-w-4xl space-y-4">
          <DropZone
            onFiles={onFiles}
            onReading={() => setReading(true)}
            disabled={run.busy || reading}
            compact={files.length > 0}
          />
          {reading && <p className="text-sm text-muted">Reading the dropped folders…</p>}
          {notice && <p className="text-sm text-muted">{notice}</p>}
          {readErrors.length > 0 && <ReadErrors errors={readErrors} />}
          {run.error && (
            <div role="alert" className="rounded-lg border border-danger/30 bg-danger/5 px-4 py-3 text-sm">
              <p className="font-medium">The import did not run.</p>
              <p className="mt-0.5 text-muted [overflow-wrap:anywhere]">{run.error}</p>
            </div>
          )}

          <TeacherField value={agent} onChange={setAgent} disabled={run.busy} />

          {files.length > 0 && (
            <FileList
              files={files}
              states={run.states ?? undefined}
              onRemove={run.busy ? undefined : remove}
              footer={
                run.phase === "uploading" ? (
                  <UploadProgress
                    {...sentSoFar(run.states ?? [], files)}
                    totalBytes={total}
                    totalFiles={files.length}
                    onCancel={run.cancel}
                  />
                ) : run.phase === "importing" ? (
                  <ImportingProgress files={files.length - run.uploadFailures.length} />
                ) : (
                  <div className="flex flex-wrap items-center gap-2">
                    <Button variant="primary" onClick={() => run.start(files, agent)} disabled={reading}>
                      Import {formatCount(files.length)} {files.length === 1 ? "file" : "files"}
                    </Button>
                    <Button onClick={() => setFiles([])}>Clear</Button>
                    <span className="text-xs text-muted">Uploads {formatBytes(total)}, then imports and shows a report.</span>
                  </div>
                )
              }
            />
          )}
        </div>
      )}
    </div>
  );
}

const focusOnMount = (el: HTMLElement | null) => el?.focus();

function ReadErrors({ errors }: { errors: string[] }) {
  return (
    <div className="rounded-lg border border-warning/30 bg-warning/5 px-4 py-3 text-sm">
      <p className="font-medium">Some dropped items could not be read and are not in the list:</p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5 text-xs text-muted">
        {errors.map((e, i) => (
          <li key={i} className="[overflow-wrap:anywhere]">
            {e}
          </li>
        ))}
      </ul>
    </div>
  );
}

function sentSoFar(states: FileState[], files: PickedFile[]) {
  let sentBytes = 0;
  let doneFiles = 0;
  let failedFiles = 0;
  states.forEach((s, i) => {
    const size = files[i]?.file.size ?? 0;
    if (s.status === "sent" || s.status === "failed") {
      doneFiles++;
      sentBytes += size; // a refused file's bytes count as dealt with, so the bar still ends full
      if (s.status === "failed") failedFiles++;
    } else sentBytes += Math.min(s.loaded, size);
  });
  return { sentBytes, doneFiles, failedFiles };
}

function statusText(s: {
  phase: Phase;
  reading: boolean;
  files: number;
  total: number;
  result: ImportResult | null;
  uploadFailures: unknown[];
  notice: string | null;
}): string {
  if (s.reading) return "Reading the dropped folders…";
  if (s.phase === "uploading") return `Uploading ${formatCount(s.files)} files…`;
  if (s.phase === "importing") return "Upload finished. Importing…";
  if (s.phase === "done") {
    const r = s.result;
    if (!r) return "Nothing was imported: no file could be uploaded.";
    return `Import finished: ${r.imported} sources imported, ${r.trajectories} trajectories, ${r.steps} steps, ${r.duplicates} duplicates, ${r.failed.length + s.uploadFailures.length} failed, ${r.skipped.length} skipped.`;
  }
  if (s.notice) return s.notice;
  return s.files > 0 ? `${formatCount(s.files)} files chosen, ${formatBytes(s.total)}.` : "";
}
