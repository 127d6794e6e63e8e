import type { PickedFile } from "./collect-files";

/*
 * The browser side of POST /api/uploads and PUT /api/uploads/{id}/files. Files go up as raw
 * bodies with XMLHttpRequest, the one browser API that reports upload progress (fetch does not).
 */

/** A file the server refused or never received; the message is shown to the user as is. */
export class FileUploadError extends Error {}

export const isAbort = (error: unknown) => error instanceof DOMException && error.name === "AbortError";

const abortError = () => new DOMException("The upload was cancelled.", "AbortError");

export async function startUpload(signal: AbortSignal): Promise<string> {
  const response = await fetch("/api/uploads", { method: "POST", signal });
  const body = (await response.json().catch(() => null)) as { id?: string; error?: string } | null;
  if (!response.ok || !body?.id) throw new Error(body?.error ?? `The server could not start the upload (HTTP ${response.status}).`);
  return body.id;
}

export function putFile(
  uploadId: string,
  { path, file }: PickedFile,
  { signal, onProgress }: { signal: AbortSignal; onProgress(loaded: number): void },
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortError());
    const xhr = new XMLHttpRequest();
    const abort = () => xhr.abort();
    signal.addEventListener("abort", abort, { once: true });
    xhr.open("PUT", `/api/uploads/${encodeURIComponent(uploadId)}/files?path=${encodeURIComponent(path)}`);
    // The body is stored byte for byte; say so rather than let the file's own type suggest parsing.
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.upload.onprogress = (event) => onProgress(event.loaded);
    xhr.onload = () => (xhr.status >= 200 && xhr.status < 300 ? resolve() : reject(new FileUploadError(refusal(xhr))));
    xhr.onerror = () =>
      reject(new FileUploadError("Not sent: the server did not answer, or the file was moved or changed after it was chosen."));
    xhr.onabort = () => reject(abortError());
    xhr.onloadend = () => signal.removeEventListener("abort", abort);
    xhr.send(file);
  });
}

/** The server's `{ error }` when it gave one, else the HTTP status. */
function refusal(xhr: XMLHttpRequest): string {
  try {
    const body = JSON.parse(xhr.responseText) as { error?: unknown };
    if (typeof body.error === "string" && body.error) return body.error;
  } catch {
    /* not JSON: a proxy's or the framework's own error page */
  }
  return `The server refused the file (HTTP ${xhr.status}${xhr.statusText ? ` ${xhr.statusText}` : ""}).`;
}

export type UploadEvents = {
  onStart(index: number): void;
  onProgress(index: number, loaded: number): void;
  /** `error` is the reason a file was not stored; the other files go on regardless. */
  onDone(index: number, error?: string): void;
};

/** Uploads every file, `concurrency` at a time. Resolves when all are sent or refused; rejects only when aborted. */
export async function uploadAll(
  uploadId: string,
  files: PickedFile[],
  { signal, concurrency = 3, ...events }: UploadEvents & { signal: AbortSignal; concurrency?: number },
): Promise<void> {
  let next = 0;
  async function worker() {
    while (next < files.length) {
      const index = next++;
      events.onStart(index);
      try {
        await putFile(uploadId, files[index]!, { signal, onProgress: (loaded) => events.onProgress(index, loaded) });
        events.onDone(index);
      } catch (error) {
        if (isAbort(error)) throw error;
        events.onDone(index, error instanceof FileUploadError ? error.message : String(error));
      }
    }
  }
  const results = await Promise.allSettled(Array.from({ length: Math.min(concurrency, files.length) }, worker));
  if (signal.aborted) throw abortError();
  const failure = results.find((r) => r.status === "rejected");
  if (failure) throw failure.reason;
}
