import type { AgentInput } from "../agents/upsert-agent";
import type { StepInput } from "../trajectories/trajectory-input";

/**
 * A file to import, on disk or inside an archive. `path` is what users see in reports
 * (`runs/a/trajectory.json`, `batch.zip!trial-1/results.json`); `read` loads the bytes.
 */
export type VirtualFile = {
  path: string;
  /** The file's name relative to the import root, with "/" separators (used to find siblings). */
  rel: string;
  size: number;
  read(): Promise<Buffer>;
  /** The first bytes only, where that is cheaper than read() (files on disk). */
  head?(bytes: number): Promise<Buffer>;
  /** Where the file is on disk, when it is (archives are read from there rather than memory). */
  localPath?: string;
  /** Drop bytes kept from read() (the importer reads a file to parse it, then again to hash it). */
  forget?(): void;
};

/** One trajectory as every importer produces it: the shape the database and the taggers read. */
export type NormalizedTrajectory = {
  agent?: AgentInput | null;
  task?: { name: string; instruction?: string | null; source?: string | null } | null;
  sessionId?: string | null;
  reward?: number | null;
  resolved?: boolean | null;
  startedAt?: Date | null;
  endedAt?: Date | null;
  durationMs?: number | null;
  promptTokens?: number | null;
  completionTokens?: number | null;
  cachedTokens?: number | null;
  costUsd?: number | null;
  steps: StepInput[];
  /** An asciicast (v2 or v3) recording of the session, stored compressed and replayed later. */
  recording?: string | null;
  /** Failure tags the importer knows from the source itself (e.g. agent-never-ran). */
  failureTags?: string[];
  /** What could not be mapped, and how steps were recovered: shown in the validation report. */
  warnings: string[];
  /**
   * Distinguishes trajectories of one source (a JSONL line, an Inspect sample); part of the
   * idempotency key together with the source bytes.
   */
  key?: string;
};

/** What one source unit (a file, or a trial directory) became. */
export type ParsedSource = { trajectories: NormalizedTrajectory[]; warnings: string[] };

/** A thing to import as one transaction: a single file, or a trial directory and its files. */
export type ImportUnit = {
  format: string;
  /** Display path: the file, or the trial directory. */
  path: string;
  /** For a directory unit, its path relative to the import root (names inside are hashed relative to it). */
  root?: string;
  files: VirtualFile[];
  parse(): Promise<ParsedSource>;
};

/** Bad input, explained: which file, where in it, and what was expected. Never a stack. */
export class SourceError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
    readonly location?: string,
  ) {
    super(`${path}${location ? ` (${location})` : ""}: ${problem}`);
    this.name = "SourceError";
  }
}

export type FileImporter = {
  format: string;
  /** Human name for reports and the UI. */
  label: string;
  /**
   * Whether this file is in this format, judged from its path and first bytes (up to 64 KiB).
   * Content decides; the extension only breaks ties.
   */
  detect(head: string, path: string): boolean;
  parse(file: VirtualFile, siblings: FileLookup): Promise<ParsedSource>;
};

/** Finds files next to the one being imported (ATIF subagent files, a trial's recordings). */
export type FileLookup = { get(rel: string): VirtualFile | undefined; under(dirRel: string): VirtualFile[] };

/**
 * A format that spans a directory (a Terminal-Bench trial, a Harbor trial): recognized by the
 * names of the files in it, imported as one unit with all its files.
 */
export type DirectoryImporter = {
  format: string;
  label: string;
  /** Whether the directory `dirRel` (with these entry names; subdirectories end in "/") is a unit. */
  claims(entries: ReadonlySet<string>): boolean;
  /** `files` finds files by path relative to the import root: `${dir.rel}/results.json`. */
  parse(dir: { rel: string; path: string }, files: FileLookup): Promise<ParsedSource>;
};
