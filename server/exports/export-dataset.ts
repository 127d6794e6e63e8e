import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { datasetVersions, datasets } from "@/db/schema";
import { type CurationOptions, normalizeOptions } from "../datasets/curation-options";
import type { VersionStats } from "../datasets/freeze-dataset";
import { finishExport, startExport } from "../datasets/record-export";
import type { Split } from "../datasets/select-members";
import { InvalidInputError, NotFoundError, ServiceError } from "../errors";
import { datasetCard } from "./dataset-card";
import type { ExportTrajectory } from "./export-trajectory";
import { toAtif } from "./formats/atif";
import { toAxolotl } from "./formats/axolotl";
import type { ExportResult } from "./formats/conversation";
import { toOpenAi } from "./formats/openai";
import { datasetInfo, toShareGpt } from "./formats/sharegpt";
import { versionMembers } from "./load-members";
import { createRedactor } from "./redact";
import { redactTrajectory } from "./redact-trajectory";

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
    const written = await writeRecords(db, version, request, options, work);
    const manifest = manifestOf(version, request.format, options, written);
    writeSideFiles(work, request.format, version.dataset, manifest, written);
    const files = listFiles(work);
    const contentHash = await hashFiles(work, files);
    const bytes = files.reduce((n, f) => n + fs.statSync(path.join(work, f)).size, 0);
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

type VersionHeader = {
  id: number;
  dataset: string;
  description: string | null;
  version: number;
  filter: string;
  options: CurationOptions;
  contentHash: string;
  memberCount: number;
  stats: VersionStats;
  frozenAt: Date;
};

async function versionHeader(db: Db, name: string, version?: number): Promise<VersionHeader> {
  const [row] = await db
    .select({ v: datasetVersions, dataset: datasets.name, description: datasets.description })
    .from(datasetVersions)
    .innerJoin(datasets, eq(datasets.id, datasetVersions.datasetId))
    .where(and(eq(datasets.name, name), version === undefined ? undefined : eq(datasetVersions.version, version)))
    .orderBy(desc(datasetVersions.version))
    .limit(1);
  if (!row) throw new NotFoundError(version === undefined ? "frozen version of dataset" : `version ${version} of dataset`, name);
  const { v } = row;
  return {
    id: v.id,
    dataset: row.dataset,
    description: row.description,
    version: v.version,
    filter: v.filter,
    options: normalizeOptions(v.options),
    contentHash: v.contentHash,
    memberCount: v.memberCount,
    stats: v.stats as VersionStats,
    frozenAt: v.createdAt,
  };
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

async function writeRecords(db: Db, version: VersionHeader, request: ExportRequest, options: ExportOptions, work: string): Promise<Written> {
  const redactor = createRedactor();
  const written: Written = { trajectories: 0, skipped: {}, bySplit: { train: 0, validation: 0 }, byTeacher: {}, byTask: {}, redactions: {}, files: [] };
  const render = renderer(request.format, options);
  let done = 0;
  for (const split of ["train", "validation"] as const) {
    if ((version.stats.splits?.[split] ?? (split === "train" ? version.memberCount : 0)) === 0) continue;
    const sink = request.format === "atif" ? new FileSet(path.join(work, "atif", split)) : await JsonLines.open(path.join(work, `${split}.jsonl`));
    let records = 0;
    for await (const batch of versionMembers(db, version.id, split, version.options.excludeSteps)) {
      if (request.signal?.aborted) throw new ExportCancelledError("The export was cancelled; nothing was written.");
      for (const member of batch) {
        const trajectory = options.redact ? redactTrajectory(member, redactor) : member;
        const result = render(trajectory);
        if (!result.ok) {
          written.skipped[result.reason] = (written.skipped[result.reason] ?? 0) + 1;
          continue;
        }
        await sink.write(trajectory.sourceHash, result.record);
        records++;
        count(written.byTeacher, trajectory.agent?.name ?? "(unknown)");
        count(written.byTask, trajectory.task?.name ?? "(no task)");
      }
      done += batch.length;
      request.onProgress?.(done, version.memberCount);
    }
    await sink.close();
    written.bySplit[split] = records;
    written.trajectories += records;
    written.files.push({ path: request.format === "atif" ? `atif/${split}/` : `${split}.jsonl`, records });
  }
  written.redactions = redactor.counts();
  written.byTeacher = sorted(written.byTeacher);
  written.byTask = sorted(written.byTask);
  written.skipped = sorted(written.skipped);
  return written;
}

function renderer(format: ExportFormat, options: ExportOptions): (t: ExportTrajectory) => ExportResult<unknown> {
  switch (format) {
    case "openai":
      return (t) => toOpenAi(t, { weights: options.weights });
    case "sharegpt":
      return (t) => toShareGpt(t, { thoughts: options.thoughts });
    case "axolotl":
      return (t) => toAxolotl(t, { maskObservations: options.maskObservations, maskNonTrainable: options.maskNonTrainable });
    case "atif":
      return (t) => toAtif(t);
  }
}

export type Manifest = ReturnType<typeof manifestOf>;

/** Everything a reader needs to know what the files are and how they were made — no clock time. */
function manifestOf(version: VersionHeader, format: ExportFormat, options: ExportOptions, written: Written) {
  return {
    generator: "trajstudio",
    dataset: version.dataset,
    version: version.version,
    versionHash: version.contentHash,
    frozenAt: version.frozenAt.toISOString(),
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

function writeSideFiles(work: string, format: ExportFormat, dataset: string, manifest: Manifest, written: Written) {
  if (format === "sharegpt") {
    const info = Object.assign({}, ...written.files.map((f) => datasetInfo(`${dataset}_${f.path.replace(/\.jsonl$/, "")}`, f.path)));
    fs.writeFileSync(path.join(work, "dataset_info.json"), `${JSON.stringify(info, null, 2)}\n`);
  }
  fs.writeFileSync(path.join(work, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  fs.writeFileSync(path.join(work, "README.md"), datasetCard(manifest));
}

/** One JSON object per line, written with backpressure (a slow disk slows the export, not memory). */
class JsonLines {
  private constructor(private readonly stream: fs.WriteStream) {}

  static async open(file: string): Promise<JsonLines> {
    const stream = fs.createWriteStream(file);
    await new Promise<void>((resolve, reject) => stream.once("open", () => resolve()).once("error", reject));
    return new JsonLines(stream);
  }

  async write(_key: string, record: unknown): Promise<void> {
    if (!this.stream.write(`${JSON.stringify(record)}\n`)) await new Promise<void>((resolve) => this.stream.once("drain", resolve));
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }
}

/** One pretty-printed file per trajectory, named by its source hash (ATIF: a document each). */
class FileSet {
  constructor(private readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
  }

  async write(key: string, record: unknown): Promise<void> {
    await fs.promises.writeFile(path.join(this.dir, `${key}.json`), `${JSON.stringify(record, null, 2)}\n`);
  }

  async close(): Promise<void> {}
}

function listFiles(dir: string, prefix = ""): string[] {
  return fs
    .readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(dir, path.posix.join(prefix, e.name)) : [path.posix.join(prefix, e.name)]))
    .sort();
}

/** SHA-256 over every file's path and content hash (files streamed): equal hashes, byte-identical exports. */
async function hashFiles(dir: string, files: string[]): Promise<string> {
  const all = createHash("sha256");
  for (const file of files) {
    const one = createHash("sha256");
    for await (const chunk of fs.createReadStream(path.join(dir, file))) one.update(chunk as Buffer);
    all.update(`${file}\u0000${one.digest("hex")}\n`);
  }
  return all.digest("hex");
}

function count(record: Record<string, number>, key: string) {
  record[key] = (record[key] ?? 0) + 1;
}

function sorted(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
