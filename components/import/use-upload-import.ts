"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import type { ImportResult } from "@/server/imports/import-sources";
import type { PickedFile } from "./collect-files";
import type { FileState } from "./file-list";
import type { UploadFailure } from "./report-rows";
import { isAbort, startUpload, uploadAll } from "./upload-files";

export type Phase = "choosing" | "uploading" | "importing" | "done";

/**
 * Upload (cancellable, per-file failures kept) then `imports.commit`. A file the server refused
 * does not stop the others; only when none arrived is there nothing to import.
 */
export function useUploadImport() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const commit = useMutation(trpc.imports.commit.mutationOptions());

  const [phase, setPhase] = useState<Phase>("choosing");
  const [states, setStates] = useState<FileState[] | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [uploadFailures, setUploadFailures] = useState<UploadFailure[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [cancelled, setCancelled] = useState(false);

  const controller = useRef<AbortController | null>(null);
  // Progress events arrive many times a second per file: collected here, drawn once per frame.
  const live = useRef<FileState[]>([]);
  const frame = useRef(0);

  const busy = phase === "uploading" || phase === "importing";

  useEffect(() => () => controller.current?.abort(), []);

  // Leaving the page mid-upload loses it: ask first.
  useEffect(() => {
    if (!busy) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [busy]);

  const flush = useCallback(() => {
    cancelAnimationFrame(frame.current);
    frame.current = 0;
    setStates([...live.current]);
  }, []);

  // Replaces only the changed file's state object, so unchanged rows keep their memoized render.
  const update = useCallback(
    (index: number, state: FileState) => {
      live.current[index] = state;
      frame.current ||= requestAnimationFrame(flush);
    },
    [flush],
  );

  async function start(files: PickedFile[], agent: string) {
    const abort = new AbortController();
    controller.current = abort;
    setError(null);
    setCancelled(false);
    live.current = files.map(() => ({ status: "queued", loaded: 0 }));
    flush();
    setPhase("uploading");
    let uploadId: string | undefined;
    let committing = false;
    // An upload that is not imported (cancelled, or every file refused) is removed on the server.
    const discard = () => uploadId && void fetch(`/api/uploads/${uploadId}`, { method: "DELETE" }).catch(() => {});
    try {
      uploadId = await startUpload(abort.signal);
      await uploadAll(uploadId, files, {
        signal: abort.signal,
        onStart: (i) => update(i, { status: "sending", loaded: 0 }),
        onProgress: (i, loaded) => update(i, { status: "sending", loaded }),
        onDone: (i, failure) =>
          update(i, failure ? { status: "failed", loaded: 0, error: failure } : { status: "sent", loaded: files[i]!.file.size }),
      });
      flush();
      const failures = live.current.flatMap((s, i) => (s.status === "failed" ? [{ path: files[i]!.path, error: s.error ?? "" }] : []));
      setUploadFailures(failures);
      if (failures.length < files.length) {
        setPhase("importing");
        committing = true; // from here the server owns the upload and removes it itself
        setResult(await commit.mutateAsync({ uploadId, agent: agent.trim() || undefined }));
        // Counts, lists and agents all may have changed.
        void queryClient.invalidateQueries();
      } else {
        discard();
        setResult(null);
      }
      setPhase("done");
    } catch (caught) {
      flush();
      if (!committing) discard();
      setStates(null);
      setPhase("choosing");
      if (isAbort(caught)) setCancelled(true);
      else setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      controller.current = null;
    }
  }

  function reset() {
    setStates(null);
    setResult(null);
    setUploadFailures([]);
    setError(null);
    setCancelled(false);
    setPhase("choosing");
  }

  return {
    phase,
    busy,
    states,
    result,
    uploadFailures,
    error,
    cancelled,
    start,
    cancel: () => controller.current?.abort(),
    reset,
  };
}
