import path from "node:path/posix";
import { atifCompanions } from "../formats/atif";
import { directoryImporters, fileImporterFor, fileImporters } from "../formats/registry";
import { type FileImporter, type FileLookup, type ImportUnit, SourceError, type VirtualFile } from "../formats/types";
import { mapConcurrently } from "./map-concurrently";

export type Skipped = { path: string; reason: string };
export type ImportPlan = { units: ImportUnit[]; skipped: Skipped[]; failed: { path: string; error: string }[] };

const HEAD_BYTES = 64 * 1024;

export function lookupOf(files: VirtualFile[]): FileLookup {
  const byRel = new Map(files.map((f) => [f.rel, f]));
  // Every directory's files (recursively), built once: O(files × depth), not O(files) per query.
  const byDir = new Map<string, VirtualFile[]>();
  for (const file of files) {
    for (let i = file.rel.indexOf("/"); i !== -1; i = file.rel.indexOf("/", i + 1)) {
      const dir = file.rel.slice(0, i);
      const list = byDir.get(dir);
      if (list) list.push(file);
      else byDir.set(dir, [file]);
    }
  }
  return { get: (rel) => byRel.get(rel), under: (dirRel) => byDir.get(dirRel) ?? [] };
}

/**
 * Decides what each file becomes: trial directories are claimed whole (by the names in them),
 * every other file by its content. Files that are no trajectory are skipped, or failed when the
 * user named them directly. `format` forces one single-file format for every remaining file.
 */
export async function planImport(files: VirtualFile[], options: { format?: string } = {}): Promise<ImportPlan> {
  const lookup = lookupOf(files);
  const units: ImportUnit[] = [];
  const skipped: Skipped[] = [];
  const failed: ImportPlan["failed"] = [];

  const consumed = new Set<string>();
  for (const [dirRel, entries] of directoryEntries(files)) {
    if (consumed.has(dirRel) || insideAny(dirRel, consumed)) continue;
    const importer = options.format ? undefined : directoryImporters.find((d) => d.claims(entries));
    if (!importer) continue;
    consumed.add(dirRel);
    const dirFiles = lookup.under(dirRel);
    const shown = displayDir(dirFiles[0]!, dirRel);
    units.push({ format: importer.format, path: shown, root: dirRel, files: dirFiles, parse: () => importer.parse({ rel: dirRel, path: shown }, lookup) });
  }
  const remaining = files.filter((f) => !insideAny(f.rel, consumed));

  const forced = options.format ? fileImporterFor(options.format) : undefined;
  // Reading heads costs I/O round trips rather than CPU: several are in flight at once.
  const detections = await mapConcurrently(remaining, DETECT_CONCURRENCY, async (file) => {
    if (forced) return forced;
    try {
      return await detectFormat(file);
    } catch (error) {
      return error as Error;
    }
  });
  const detected: { file: VirtualFile; importer: FileImporter }[] = [];
  for (const [i, file] of remaining.entries()) {
    const importer = detections[i];
    if (importer instanceof Error) failed.push({ path: file.path, error: importer instanceof SourceError ? importer.message : `${file.path}: ${importer.message}` });
    else if (importer) detected.push({ file, importer });
    else if (!file.rel.includes("/")) failed.push({ path: file.path, error: `${file.path}: not a trajectory format Trajectory Studio knows (try --format NAME)` });
    else skipped.push({ path: file.path, reason: "not a trajectory format" });
  }

  // Subagent and continuation files are joined into their main ATIF trajectory, not imported alone.
  const companions = atifCompanions(detected.filter((d) => d.importer.format === "atif" && d.file.rel.endsWith(".json")).map((d) => d.file.rel));
  for (const { file, importer } of detected) {
    if (companions.has(file.rel)) {
      skipped.push({ path: file.path, reason: "joined into its main ATIF trajectory" });
      continue;
    }
    units.push({ format: importer.format, path: file.path, files: [file], parse: () => importer.parse(file, lookup) });
  }
  return { units, skipped, failed };
}

const DETECT_CONCURRENCY = 16;

async function detectFormat(file: VirtualFile): Promise<FileImporter | undefined> {
  if (file.size === 0) throw new SourceError(file.path, "the file is empty");
  const bytes = file.head ? await file.head(HEAD_BYTES) : (await file.read()).subarray(0, HEAD_BYTES);
  const head = bytes.toString("utf8");
  return fileImporters.find((importer) => importer.detect(head, file.rel));
}

/** Whether an ancestor directory of `rel` is in `dirs` (checks each ancestor: O(depth), not O(dirs)). */
function insideAny(rel: string, dirs: Set<string>): boolean {
  for (let i = rel.indexOf("/"); i !== -1; i = rel.indexOf("/", i + 1)) if (dirs.has(rel.slice(0, i))) return true;
  return false;
}

/** Each directory (by rel) with the names in it; subdirectories end in "/". Parents come first. */
function directoryEntries(files: VirtualFile[]): Map<string, Set<string>> {
  const dirs = new Map<string, Set<string>>();
  const add = (dir: string, name: string) => {
    let set = dirs.get(dir);
    if (!set) dirs.set(dir, (set = new Set()));
    set.add(name);
  };
  for (const file of files) {
    const parts = file.rel.split("/");
    for (let i = 1; i < parts.length; i++) add(parts.slice(0, i).join("/"), i === parts.length - 1 ? parts[i]! : `${parts[i]}/`);
  }
  return new Map([...dirs].sort(([a], [b]) => a.split("/").length - b.split("/").length || (a < b ? -1 : 1)));
}

/** The directory as the user would name it, derived from one of its files' display paths. */
function displayDir(file: VirtualFile, dirRel: string): string {
  const below = file.rel.slice(dirRel.length + 1);
  return file.path.endsWith(below) ? file.path.slice(0, file.path.length - below.length - 1) || "." : path.dirname(file.path);
}
