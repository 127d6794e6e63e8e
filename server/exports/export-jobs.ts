import os from "node:os";
import path from "node:path";
import type { Database } from "@/db/client";
import { type ExportRequest, exportDataset } from "./export-dataset";

type Job = { done: number; total: number; controller: AbortController };

/*
 * Exports started from the app run in the server process while the page follows their progress;
 * this registry is what the page reads and what "Cancel" aborts. On globalThis: Next bundles route
 * handlers and tRPC separately, and both must see the same jobs.
 */
const KEY = Symbol.for("trajstudio.exportJobs");
const holder = globalThis as { [KEY]?: Map<number, Job> };
const jobs = (holder[KEY] ??= new Map<number, Job>());

/** Where the app's exports go: beside the embedded database, or a temporary directory. */
export function exportsRoot(database: Pick<Database, "kind" | "location">): string {
  return database.kind === "pglite" && database.location !== "memory" ? path.join(database.location, "exports") : path.join(os.tmpdir(), "trajstudio-exports");
}

/** Starts an export in the background; resolves with its id as soon as it is recorded. */
export function startExportJob(database: Database, request: Omit<ExportRequest, "out" | "onStart" | "onProgress" | "signal">): Promise<{ exportId: number }> {
  const controller = new AbortController();
  const out = path.join(exportsRoot(database), `${request.dataset}-v${request.version ?? "latest"}-${request.format}-${Date.now().toString(36)}`);
  return new Promise((resolve, reject) => {
    let id: number | null = null;
    exportDataset(database.db, {
      ...request,
      out,
      signal: controller.signal,
      onStart: (exportId) => {
        id = exportId;
        jobs.set(exportId, { done: 0, total: 0, controller });
        resolve({ exportId });
      },
      onProgress: (done, total) => {
        const job = id === null ? undefined : jobs.get(id);
        if (job) Object.assign(job, { done, total });
      },
    })
      // Failures are recorded on the export (status, error) for the page; nothing to rethrow here.
      .catch((error: unknown) => {
        if (id === null) reject(error);
      })
      .finally(() => {
        if (id !== null) jobs.delete(id);
      });
  });
}

/** Progress of a running export in this process, or null when it is not running here. */
export function exportProgress(exportId: number): { done: number; total: number } | null {
  const job = jobs.get(exportId);
  return job ? { done: job.done, total: job.total } : null;
}

/** Asks a running export to stop; false when it is not running here. */
export function cancelExportJob(exportId: number): boolean {
  const job = jobs.get(exportId);
  job?.controller.abort();
  return job !== undefined;
}
