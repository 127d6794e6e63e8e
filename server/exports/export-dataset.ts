import { type Hash, createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { Db } from "@/db/client";
import { type CurationOptions, normalizeOptions } from "../datasets/curation-options";
import { findDatasetVersion } from "../datasets/freeze-dataset";
import { finishExport, startExport } from "../datasets/record-export";
import type { Split } from "../datasets/select-members";
import { InvalidInputError, ServiceError } from "../errors";
import { datasetCard } from "./dataset-card";
import { formatMembers } from "./format-members";
import { datasetInfo } from "./formats/sharegpt";
import { versionDocuments } from "./load-members";

export const EXPORT_FORMATS = ["openai", "sharegpt", "axolotl", "atif"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const ExportOptions = z
  .object({
    /** Mask secrets and e-mail addresses (on unless turned off; the manifest lists what was masked). */
    redact: z.boolean().default(true),
    /** openai: `weight` 0/1 on assistant messages (0 for steps never trained on). */
    weights: z.boolean().default(false),
    /** sharegpt: keep the agent's thought before a call as `<think>…</think>`, or drop it. */
    thoughts: z.enum(["think", "drop"]).default("think"),
    /** axolotl: observation (tool result) turns not trained on — the observation-masking ablation. */
    maskObservations: z.boolean().default(false),
    /** axolotl: assistant turns of steps not trainable (copied context, excluded steps) not trained on. */
    maskNonTrainable: z.boolean().default(true),
  })
  .strict();
export type ExportOptions = z.output<typeof ExportOptions>;

export type ExportRequest = {
  dataset: string;
  /** The latest frozen version when left out. */
  version?: number;
  format: ExportFormat;
  /** A directory to create (it must not exist, or be empty). */
  out: string;
  options?: z.input<typeof ExportOptions>;
  createdBy?: string | null;
  onProgress?: (done: number, total: number) => void;
  /** Called once the export's record exists (the app follows it by id). */
  onStart?: (exportId: number) => void;
  signal?: AbortSignal;
};

export type ExportSummary = { exportId: number; dir: string; files: string[]; trajectories: number; skipped: Record<string, number>; bytes: number; contentHash: string };

export class ExportCancelledError extends ServiceError {}

/**
 * Writes a frozen dataset version in a trainer's format: the records split into train and
 * validation files, the format's side files, a manifest and a dataset card. Everything is built
 * in a sibling directory and renamed into place at the end, so `out` holds a whole export or
 * nothing (after a crash, a cancel or an error). Memory stays bounded: members stream in batches.
 * The bytes depend only on the version and the options — an export of it next year is identical.
 */
export async function exportDataset(db: Db, request: ExportRequest): Promise<ExportSummary> {
  const options = ExportOptions.parse(request.options ?? {});
  const version = await versionHeader(db, request.dataset, request.version);
  const out = path.resolve(request.out);
  if (fs.existsSync(out) && (!fs.statSync(out).isDirectory() || fs.readdirSync(out).length > 0)) {
    throw new InvalidInputError(`${out} already exists: export into a new (or empty) directory.`);
  }
  const record = await startExport(db, { datasetVersionId: version.id, format: request.format, options, createdBy: request.createdBy });
  request.onStart?.(record.id);
  const work = `${out}.partial-${randomBytes(4).toString("hex")}`;
  try {
    fs.mkdirSync(work, { recursive: true });
    const ledger = new FileLedger(work);
    const written = await writeRecords(db, version, request, options, ledger);
    const manifest = manifestOf(version, request.format, options, written);
    writeSideFiles(ledger, request.format, version.dataset, manifest, written);
    const { files, bytes, contentHash } = ledger.summary();
    if (fs.existsSync(out)) fs.rmdirSync(out);
    fs.renameSync(work, out);
    await finishExport(db, record.id, { ok: true, path: out, contentHash, bytes, trajectoryCount: written.trajectories });
    return { exportId: record.id, dir: out, files, trajectories: written.trajectories, skipped: written.skipped, bytes, contentHash };
  } catch (error) {
    fs.rmSync(work, { recursive: true, force: true });
    const cancelled = error instanceof ExportCancelledError;
    await finishExport(db, record.id, { ok: false, cancelled, error: error instanceof Error ? error.message : String(error) }).catch(() => {});
    throw error;
  }
}

type VersionHeader = Awaited<ReturnType<typeof findDatasetVersion>> & { options: CurationOptions };

async function versionHeader(db: Db, name: string, version?: number): Promise<VersionHeader> {
  const found = await findDatasetVersion(db, name, version);
  return { ...found, options: normalizeOptions(found.options) };
}

export type Written = {
  trajectories: number;
  skipped: Record<string, number>;
  bySplit: Record<Split, number>;
  byTeacher: Record<string, number>;
  byTask: Record<string, number>;
  redactions: Record<string, number>;
  /** Data files (relative paths) with their record counts, in write order. */
  files: { path: string; records: number }[];
};

async function writeRecords(db: Db, version: VersionHeader, request: ExportRequest, options: ExportOptions, ledger: FileLedger): Promise<Written> {
  const written: Written = { trajectories: 0, skipped: {}, bySplit: { train: 0, validation: 0 }, byTeacher: {}, byTask: {}, redactions: {}, files: [] };
  let done = 0;
  for (const split of ["train", "validation"] as const) {
    if ((version.stats.splits?.[split] ?? (split === "train" ? version.memberCount : 0)) === 0) continue;
    const sink = request.format === "atif" ? new FileSet(ledger, `atif/${split}`) : await JsonLines.open(ledger, `${split}.jsonl`);
    let records = 0;
    for await (const documents of versionDocuments(db, version.id, split)) {
      if (request.signal?.aborted) throw new ExportCancelledError("The export was cancelled; nothing was written.");
      const batch = formatMembers({ format: request.format, options }, documents);
      for (const record of batch.records) {
        await sink.write(record.key, record.text);
        count(written.byTeacher, record.teacher);
        count(written.byTask, record.task);
      }
      records += batch.records.length;
      add(written.skipped, batch.skipped);
      add(written.redactions, batch.redactions);
      done += documents.length;
      request.onProgress?.(done, version.memberCount);
    }
    await sink.close();
    written.bySplit[split] = records;
    written.trajectories += records;
    written.files.push({ path: request.format === "atif" ? `atif/${split}/` : `${split}.jsonl`, records });
  }
  written.redactions = sorted(written.redactions);
  written.byTeacher = sorted(written.byTeacher);
  written.byTask = sorted(written.byTask);
  written.skipped = sorted(written.skipped);
  return written;
}

export type Manifest = ReturnType<typeof manifestOf>;

/** Everything a reader needs to know what the files are and how they were made — no clock time. */
function manifestOf(version: VersionHeader, format: ExportFormat, options: ExportOptions, written: Written) {
  return {
    generator: "trajstudio",
    dataset: version.dataset,
    version: version.version,
    versionHash: version.contentHash,
    frozenAt: version.createdAt.toISOString(),
    filter: version.filter,
    curation: version.options,
    format,
    options,
    files: written.files,
    counts: {
      members: version.memberCount,
      exported: written.trajectories,
      skipped: written.skipped,
      bySplit: written.bySplit,
      byTeacher: written.byTeacher,
      byTask: written.byTask,
    },
    egs: version.stats.egs ?? null,
    redactions: options.redact ? written.redactions : "off",
  };
}

function writeSideFiles(ledger: FileLedger, format: ExportFormat, dataset: string, manifest: Manifest, written: Written) {
  if (format === "sharegpt") {
    const info = Object.assign({}, ...written.files.map((f) => datasetInfo(`${dataset}_${f.path.replace(/\.jsonl$/, "")}`, f.path)));
    ledger.writeFile("dataset_info.json", `${JSON.stringify(info, null, 2)}\n`);
  }
  ledger.writeFile("manifest.json", `${JSON.stringify(manifest, null, 2)}\n`);
  ledger.writeFile("README.md", datasetCard(manifest));
}

/**
 * The export's files as they are written: each one's SHA-256 and size taken from the bytes on
 * their way to disk, so the export's hash needs no second read of gigabytes of JSONL.
 */
class FileLedger {
  private readonly files = new Map<string, { sha256: string; bytes: number }>();

  constructor(readonly root: string) {}

  record(rel: string, hash: Hash, bytes: number): void {
    this.files.set(rel, { sha256: hash.digest("hex"), bytes });
  }

  writeFile(rel: string, text: string): void {
    const data = Buffer.from(text);
    fs.mkdirSync(path.dirname(path.join(this.root, rel)), { recursive: true });
    fs.writeFileSync(path.join(this.root, rel), data);
    this.record(rel, createHash("sha256").update(data), data.length);
  }

  /** SHA-256 over every file's path and content hash: equal hashes, byte-identical exports. */
  summary(): { files: string[]; bytes: number; contentHash: string } {
    const files = [...this.files.keys()].sort();
    const all = createHash("sha256");
    for (const file of files) all.update(`${file}\u0000${this.files.get(file)!.sha256}\n`);
    return { files, bytes: files.reduce((n, f) => n + this.files.get(f)!.bytes, 0), contentHash: all.digest("hex") };
  }
}

/**
 * One JSON object per line, gathered into writes of about a mebibyte (a write per line made the
 * export wait on the disk thread for most of its time), with backpressure: a slow disk slows the
 * export, not memory.
 */
class JsonLines {
  private static readonly FLUSH_AT = 1 << 20;
  private readonly hash = createHash("sha256");
  private bytes = 0;
  private pending: string[] = [];
  private pendingLength = 0;

  private constructor(
    private readonly ledger: FileLedger,
    private readonly rel: string,
    private readonly stream: fs.WriteStream,
  ) {}

  static async open(ledger: FileLedger, rel: string): Promise<JsonLines> {
    const stream = fs.createWriteStream(path.join(ledger.root, rel));
    await new Promise<void>((resolve, reject) => stream.once("open", () => resolve()).once("error", reject));
    return new JsonLines(ledger, rel, stream);
  }

  async write(_key: string, line: string): Promise<void> {
    this.pending.push(line);
    this.pendingLength += line.length + 1;
    if (this.pendingLength >= JsonLines.FLUSH_AT) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const chunk = Buffer.from(`${this.pending.join("\n")}\n`);
    this.pending = [];
    this.pendingLength = 0;
    this.hash.update(chunk);
    this.bytes += chunk.length;
    if (!this.stream.write(chunk)) await new Promise<void>((resolve) => this.stream.once("drain", resolve));
  }

  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) => this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
    this.ledger.record(this.rel, this.hash, this.bytes);
  }
}

/** One pretty-printed file per trajectory, named by its source hash (ATIF: a document each). */
class FileSet {
  constructor(
    private readonly ledger: FileLedger,
    private readonly dir: string,
  ) {}

  async write(key: string, text: string): Promise<void> {
    this.ledger.writeFile(`${this.dir}/${key}.json`, text);
  }

  async close(): Promise<void> {}
}

function count(record: Record<string, number>, key: string) {
  record[key] = (record[key] ?? 0) + 1;
}

function add(into: Record<string, number>, counts: Record<string, number>) {
  for (const [key, n] of Object.entries(counts)) into[key] = (into[key] ?? 0) + n;
}

function sorted(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
