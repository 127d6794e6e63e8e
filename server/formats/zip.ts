import fs from "node:fs";
import type { Readable } from "node:stream";
import zlib from "node:zlib";
import yauzl from "yauzl";
import { SourceError } from "./types";

/*
 * A small, defensive zip reader: Inspect `.eval` logs are zips, and users import zips of runs.
 * Archives come from anywhere, so every limit is checked before anything is inflated (from the
 * sizes the archive declares) and again while inflating (declared sizes can lie: yauzl fails a
 * stream that yields more or fewer bytes than declared, and `read()` counts as well).
 */

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

export type ZipLimits = {
  /** Sum of the declared uncompressed sizes of all entries. */
  maxTotalBytes: number;
  /** Declared uncompressed size of one entry. */
  maxEntryBytes: number;
  /** Largest uncompressed:compressed ratio of an entry that unpacks to more than `ratioAboveBytes`. */
  maxRatio: number;
  ratioAboveBytes: number;
  maxEntries: number;
};

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxTotalBytes: 4 * GiB,
  maxEntryBytes: 1 * GiB,
  maxRatio: 200,
  ratioAboveBytes: 1 * MiB,
  maxEntries: 100_000,
};

/** A file in the archive (directories are left out). `read()` inflates it on demand. */
export type ZipEntry = { name: string; size: number; compressedSize: number; read(): Promise<Buffer> };

const METHODS: Record<number, string> = { 9: "Deflate64", 12: "bzip2", 14: "LZMA", 93: "Zstandard", 95: "XZ", 98: "PPMd" };

/**
 * The entries of a zip archive given as bytes or as a path on disk, in central-directory order
 * (duplicate names are kept: callers decide, as Python's zipfile does, that the last one wins).
 * Throws a SourceError naming `displayPath` (and the entry) for a truncated or corrupt archive,
 * an entry that would land outside the extraction directory (absolute or `..`), or a zip bomb.
 */
export async function listZip(source: Buffer | string, displayPath: string, limits: Partial<ZipLimits> = {}): Promise<ZipEntry[]> {
  const limit = { ...DEFAULT_ZIP_LIMITS, ...limits };
  const fail = (problem: string, entry?: string): never => {
    throw new SourceError(displayPath, problem, entry === undefined ? undefined : `entry ${JSON.stringify(entry)}`);
  };
  const reader = typeof source === "string" ? await FileRangeReader.open(source, displayPath) : undefined;
  const zip = await (reader
    ? yauzl.fromRandomAccessReaderPromise(reader, reader.size, { lazyEntries: true, autoClose: false })
    : yauzl.fromBufferPromise(source as Buffer, { lazyEntries: true })
  ).catch((error: Error) => {
    reader?.release();
    return fail(describe(error));
  });

  if (zip.entryCount > limit.maxEntries) {
    reader?.release();
    fail(`the archive has ${zip.entryCount} entries, more than the ${limit.maxEntries} allowed (a zip bomb?)`);
  }
  const raw: yauzl.Entry[] = [];
  try {
    for await (const entry of zip.eachEntry()) raw.push(entry);
  } catch (error) {
    const [problem, entry] = describeName(error as Error);
    fail(problem, entry);
  } finally {
    // Listing done: later reads open the file per entry, so nothing stays open between them.
    reader?.release();
  }

  let total = 0;
  for (const entry of raw) {
    const { fileName: name, uncompressedSize: size, compressedSize: packed } = entry;
    if (size > limit.maxEntryBytes) fail(`would unpack to ${bytes(size)}, more than the ${bytes(limit.maxEntryBytes)} allowed for one entry (a zip bomb?)`, name);
    if (size > limit.ratioAboveBytes && size > packed * limit.maxRatio) {
      fail(`would unpack ${bytes(packed)} into ${bytes(size)}, a ratio above ${limit.maxRatio}:1 (a zip bomb?)`, name);
    }
    total += size;
    if (total > limit.maxTotalBytes) fail(`the archive would unpack to more than the ${bytes(limit.maxTotalBytes)} allowed (a zip bomb?)`);
  }
  checkOverlap(raw, fail);

  return raw
    .filter((entry) => !entry.fileName.endsWith("/"))
    .map((entry) => ({
      name: entry.fileName,
      size: entry.uncompressedSize,
      compressedSize: entry.compressedSize,
      read: () => readEntry(zip, entry, fail),
    }));
}

/**
 * Entries whose data overlap (several directory records pointing into the same bytes) are how
 * "non-recursive" zip bombs multiply their output; no archiver writes them.
 */
function checkOverlap(entries: yauzl.Entry[], fail: (problem: string, entry?: string) => never) {
  const sorted = [...entries].sort((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader);
  for (let i = 1; i < sorted.length; i++) {
    const before = sorted[i - 1]!;
    // The next local header cannot start before this one's fixed 30-byte header and its data end.
    if (sorted[i]!.relativeOffsetOfLocalHeader < before.relativeOffsetOfLocalHeader + 30 + before.compressedSize) {
      fail(`overlaps the data of entry ${JSON.stringify(before.fileName)} (a crafted archive, a zip bomb?)`, sorted[i]!.fileName);
    }
  }
}

async function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, fail: (problem: string, entry?: string) => never): Promise<Buffer> {
  const name = entry.fileName;
  if (entry.isEncrypted()) fail("is encrypted, which is not supported", name);
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
    const method = METHODS[entry.compressionMethod] ?? `method ${entry.compressionMethod}`;
    fail(`is compressed with ${method}; only stored and deflated entries can be read (re-create the archive with standard zip compression)`, name);
  }
  let stream: Readable;
  try {
    stream = await zip.openReadStreamPromise(entry);
  } catch (error) {
    return fail(`cannot be read: ${describe(error as Error)}`, name);
  }
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      length += chunk.length;
      // yauzl already fails a stream that outgrows the declared size; this keeps that true here.
      if (length > entry.uncompressedSize) {
        stream.destroy();
        fail(`unpacks to more than its declared ${bytes(entry.uncompressedSize)} (a crafted archive, a zip bomb?)`, name);
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof SourceError) throw error;
    fail(`is corrupt: ${describe(error as Error)}`, name);
  }
  const data = Buffer.concat(chunks, length);
  if (zlib.crc32(data) !== entry.crc32) fail("is corrupt: its checksum (CRC-32) does not match its data", name);
  return data;
}

/** yauzl's messages, reworded for someone who has never heard of a central directory. */
function describe(error: Error): string {
  const message = error.message;
  if (/end of central directory record signature not found/i.test(message)) {
    return "not a zip archive, or the archive is truncated (its end-of-archive record is missing)";
  }
  if (/too many bytes in the stream|not enough bytes in the stream/.test(message)) {
    return `the data does not match the declared size (${message})`;
  }
  if (/unexpected EOF|overflows file bounds|signature|extra field|zip64|size mismatch/i.test(message)) {
    return `the archive is truncated or corrupt (${message})`;
  }
  return message;
}

/** Entry-name errors raised while listing: zip-slip (`..`) and absolute paths. */
function describeName(error: Error): [string, string?] {
  const absolute = /^absolute path: (.*)$/s.exec(error.message);
  if (absolute) return ["has an absolute path; refusing an archive that would write outside its directory", absolute[1]];
  const relative = /^invalid relative path: (.*)$/s.exec(error.message);
  if (relative) return ['has a ".." path segment; refusing an archive that would write outside its directory (zip-slip)', relative[1]];
  return [describe(error)];
}

function bytes(n: number): string {
  if (n >= GiB) return `${+(n / GiB).toFixed(1)} GiB`;
  if (n >= MiB) return `${+(n / MiB).toFixed(1)} MiB`;
  return `${n} bytes`;
}

/**
 * Reads ranges of a zip on disk. Listing reads the central directory through one descriptor
 * (many small reads); afterwards each entry read opens its own stream, so an archive listed
 * once and read lazily later holds no descriptor in between.
 */
class FileRangeReader extends yauzl.RandomAccessReader {
  private constructor(
    private readonly path: string,
    readonly size: number,
    private handle: fs.promises.FileHandle | null,
  ) {
    super();
  }

  static async open(path: string, displayPath: string): Promise<FileRangeReader> {
    try {
      const handle = await fs.promises.open(path, "r");
      return new FileRangeReader(path, (await handle.stat()).size, handle);
    } catch (error) {
      throw new SourceError(displayPath, `cannot open the archive: ${(error as Error).message}`);
    }
  }

  release() {
    void this.handle?.close();
    this.handle = null;
  }

  // yauzl reads `bytesRead` from the callback (its type declaration leaves it out).
  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (err: Error | null, bytesRead?: number) => void) {
    if (!this.handle) return super.read(buffer, offset, length, position, callback);
    this.handle.read(buffer, offset, length, position).then(
      (result) => callback(null, result.bytesRead),
      (error: Error) => callback(error),
    );
  }

  override _readStreamForRange(start: number, end: number): Readable {
    return fs.createReadStream(this.path, { start, end: end - 1 });
  }
}
