import type { Db } from "@/db/client";
import { type ImportUnit, SourceError, type VirtualFile } from "../formats/types";
import type { CreateTrajectoryResult } from "../trajectories/insert-trajectories";
import { expandArchives } from "./expand-archives";
import { planImport } from "./plan";
import { type PreparedSource, storeSources, unitHash } from "./store-unit";
import { walkPaths } from "./walk";

export type ImportOptions = {
  /** Force a single-file format instead of detecting it. */
  format?: string;
  /** Name the teacher of every imported trajectory. */
  agent?: string;
  onProgress?(progress: ImportProgress): void;
};

export type ImportProgress = { done: number; total: number; trajectories: number; current?: string };

/** What one source became: the validation report's line. */
export type UnitReport = {
  path: string;
  format: string;
  status: "imported" | "duplicate" | "failed";
  trajectoryIds: number[];
  steps: number;
  warnings: string[];
  error?: string;
};

export type ImportResult = {
  /** Sources (files or trial directories) imported now. */
  imported: number;
  /** Sources whose content was already in the studio. */
  duplicates: number;
  failed: { path: string; error: string }[];
  /** Trajectories and agent steps stored now. */
  trajectories: number;
  steps: number;
  skipped: { path: string; reason: string }[];
  reports: UnitReport[];
};

/** Imports files, directories (recursively) and archives from disk. */
export async function importPaths(db: Db, paths: string[], options: ImportOptions = {}): Promise<ImportResult> {
  const walked = await walkPaths(paths);
  const { files, failed } = await expandArchives(walked.files);
  const result = await importFiles(db, files, options);
  result.failed.unshift(...walked.problems.map((p) => ({ path: p.path, error: `${p.path}: ${p.error}` })), ...failed);
  return result;
}

/**
 * A batch is stored in one transaction once it holds this many trajectories, steps or bytes of
 * text and recordings — the byte cap keeps memory bounded when recordings are large.
 */
const BATCH_TRAJECTORIES = 250;
const BATCH_STEPS = 20_000;
const BATCH_BYTES = 8 * 1024 ** 2;

/**
 * Imports VirtualFiles (from disk, an upload or an archive). Each source is parsed on its own; a
 * bad source is reported with the reason and the batch goes on. Parsed sources are stored in
 * batches (one transaction each; a failing batch is retried source by source).
 */
export async function importFiles(db: Db, files: VirtualFile[], options: ImportOptions = {}): Promise<ImportResult> {
  const plan = await planImport(files, { format: options.format });
  const result: ImportResult = { imported: 0, duplicates: 0, failed: [...plan.failed], trajectories: 0, steps: 0, skipped: plan.skipped, reports: [] };
  let batch: { unit: ImportUnit; source: PreparedSource; warnings: string[] }[] = [];
  let done = 0;

  // A database server works while the next batch is parsed: one batch is stored while the next
  // fills (memory holds at most two). Stores stay in order, one at a time.
  let storing: Promise<Error | undefined> = Promise.resolve(undefined);
  const flush = async () => {
    const full = batch;
    batch = [];
    const failure = await storing;
    if (failure) throw failure; // the database itself failed (sources' own errors are reported)
    if (full.length === 0) return;
    // Settles with the error rather than rejecting: nothing awaits it until the next flush.
    storing = storeSources(db, full.map((b) => b.source), options).then((outcomes) => {
      for (const [k, outcome] of outcomes.entries()) record(result, full[k]!, outcome);
      done += full.length;
      options.onProgress?.({ done, total: plan.units.length, trajectories: result.trajectories });
      return undefined;
    }, (error: Error) => error);
  };

  const readAhead = readAheadOf(plan.units);
  for (const [index, unit] of plan.units.entries()) {
    readAhead(index);
    try {
      const parsed = await unit.parse();
      const hash = await unitHash(unit.files, unit.root ?? null);
      batch.push({ unit, source: { format: unit.format, path: unit.path, hash, trajectories: parsed.trajectories }, warnings: parsed.warnings });
    } catch (error) {
      record(result, { unit, warnings: [] }, error as Error);
      done++;
    } finally {
      for (const file of unit.files) file.forget?.();
    }
    const trajectories = batch.flatMap((b) => b.source.trajectories);
    const steps = trajectories.reduce((n, t) => n + t.steps.length, 0);
    const bytes = batch.reduce((n, b) => n + b.unit.files.reduce((m, f) => m + f.size, 0), 0);
    if (trajectories.length >= BATCH_TRAJECTORIES || steps >= BATCH_STEPS || bytes >= BATCH_BYTES) await flush();
  }
  await flush();
  await flush(); // waits for the last batch
  options.onProgress?.({ done: plan.units.length, total: plan.units.length, trajectories: result.trajectories });
  return result;
}

/**
 * Reading a small file costs several round trips to the I/O threads, longer than parsing it;
 * starting the next sources' reads while one is parsed hides that wait. Bounded by count and
 * bytes, and only for files read whole anyway (a file's read is kept until the unit forgets it).
 */
const READ_AHEAD_UNITS = 16;
const READ_AHEAD_BYTES = 32 * 1024 ** 2;

function readAheadOf(units: ImportUnit[]): (current: number) => void {
  let next = 0;
  return (current) => {
    next = Math.max(next, current + 1);
    let bytes = 0;
    for (let i = current + 1; i < next; i++) bytes += unitBytes(units[i]!);
    while (next < units.length && next <= current + READ_AHEAD_UNITS) {
      const size = unitBytes(units[next]!);
      if (bytes + size > READ_AHEAD_BYTES) break;
      bytes += size;
      // A failed read is reported when the unit is parsed (read() returns the same promise).
      for (const file of units[next]!.files) file.read().catch(() => {});
      next++;
    }
  };
}

function unitBytes(unit: ImportUnit): number {
  return unit.files.reduce((n, f) => n + f.size, 0);
}

function record(result: ImportResult, entry: { unit: ImportUnit; source?: PreparedSource; warnings: string[] }, outcome: CreateTrajectoryResult[] | Error) {
  const { unit } = entry;
  if (outcome instanceof Error) {
    const message = describeImportError(unit.path, outcome);
    result.failed.push({ path: unit.path, error: message });
    result.reports.push({ path: unit.path, format: unit.format, status: "failed", trajectoryIds: [], steps: 0, warnings: [], error: message });
    return;
  }
  const fresh = outcome.filter((s) => !s.duplicate);
  const status = outcome.length > 0 && fresh.length === 0 ? "duplicate" : "imported";
  if (status === "duplicate") result.duplicates++;
  else result.imported++;
  result.trajectories += fresh.length;
  result.steps += fresh.reduce((n, s) => n + s.steps, 0);
  result.reports.push({
    path: unit.path,
    format: unit.format,
    status,
    trajectoryIds: outcome.map((s) => s.id),
    steps: outcome.reduce((n, s) => n + s.steps, 0),
    warnings: [...entry.warnings, ...(entry.source?.trajectories.flatMap((t) => t.warnings) ?? [])],
  });
}

/** Bad input explains itself; anything else is our bug: logged in full, reported in one line. */
export function describeImportError(path: string, error: unknown): string {
  if (error instanceof SourceError) return error.message;
  console.error(`[trajstudio] unexpected error importing ${path}:`, error);
  return `${path}: could not be imported (${(error as Error).message ?? String(error)})`;
}
