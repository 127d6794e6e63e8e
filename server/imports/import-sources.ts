import type { Db } from "@/db/client";
import { SourceError, type VirtualFile } from "../formats/types";
import { planImport } from "./plan";
import { storeUnit, unitHash } from "./store-unit";
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
  const { files, problems } = await walkPaths(paths);
  const result = await importFiles(db, files, options);
  result.failed.unshift(...problems.map((p) => ({ path: p.path, error: `${p.path}: ${p.error}` })));
  return result;
}

/**
 * Imports VirtualFiles (from disk, an upload or an archive). Each source is parsed, then stored in
 * its own transaction; a bad source is reported with the reason and the batch goes on.
 */
export async function importFiles(db: Db, files: VirtualFile[], options: ImportOptions = {}): Promise<ImportResult> {
  const plan = await planImport(files, { format: options.format });
  const result: ImportResult = { imported: 0, duplicates: 0, failed: [...plan.failed], trajectories: 0, steps: 0, skipped: plan.skipped, reports: [] };
  for (const [index, unit] of plan.units.entries()) {
    options.onProgress?.({ done: index, total: plan.units.length, trajectories: result.trajectories, current: unit.path });
    try {
      const parsed = await unit.parse();
      const stored = await storeUnit(db, { format: unit.format, path: unit.path, hash: await unitHash(unit.files, unit.root ?? null) }, parsed.trajectories, options);
      const fresh = stored.filter((s) => !s.duplicate);
      const status = stored.length > 0 && fresh.length === 0 ? "duplicate" : "imported";
      if (status === "duplicate") result.duplicates++;
      else result.imported++;
      result.trajectories += fresh.length;
      result.steps += fresh.reduce((n, s) => n + s.steps, 0);
      result.reports.push({
        path: unit.path,
        format: unit.format,
        status,
        trajectoryIds: stored.map((s) => s.id),
        steps: stored.reduce((n, s) => n + s.steps, 0),
        warnings: [...parsed.warnings, ...parsed.trajectories.flatMap((t) => t.warnings)],
      });
    } catch (error) {
      const message = describeImportError(unit.path, error);
      result.failed.push({ path: unit.path, error: message });
      result.reports.push({ path: unit.path, format: unit.format, status: "failed", trajectoryIds: [], steps: 0, warnings: [], error: message });
    }
  }
  options.onProgress?.({ done: plan.units.length, total: plan.units.length, trajectories: result.trajectories });
  return result;
}

/** Bad input explains itself; anything else is our bug: logged in full, reported in one line. */
function describeImportError(path: string, error: unknown): string {
  if (error instanceof SourceError) return error.message;
  console.error(`[trajstudio] unexpected error importing ${path}:`, error);
  return `${path}: could not be imported (${(error as Error).message ?? String(error)})`;
}
