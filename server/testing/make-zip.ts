import zlib from "node:zlib";

/*
 * A minimal zip writer for tests: it writes what we tell it, including what no archiver would
 * (`../` names, sizes that lie, entries that share data), so the reader's defences can be tested.
 */

export type ZipSpec = {
  name: string;
  /** Content to store (method 0) or deflate (method 8, the default). */
  data?: Buffer | string;
  method?: number;
  /** Already-compressed data, written as is (with `size` and `crc` declared as given). */
  compressed?: Buffer;
  /** Declared uncompressed size (default: the real one). */
  size?: number;
  crc?: number;
  /** Point the central directory record at another entry's local header (by index). */
  sameDataAs?: number;
};

export function makeZip(specs: ZipSpec[]): Buffer {
  const parts: Buffer[] = [];
  const records: Buffer[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const spec of specs) {
    const raw = Buffer.isBuffer(spec.data) ? spec.data : Buffer.from(spec.data ?? "", "utf8");
    const method = spec.method ?? (spec.name.endsWith("/") ? 0 : 8);
    const compressed = spec.compressed ?? (method === 8 ? zlib.deflateRawSync(raw) : raw);
    const size = spec.size ?? raw.length;
    const crc = spec.crc ?? zlib.crc32(raw);
    const name = Buffer.from(spec.name, "utf8");
    const fields = (h: Buffer, at: number) => {
      h.writeUInt16LE(0x0800, at); // UTF-8 names
      h.writeUInt16LE(method, at + 2);
      h.writeUInt16LE(0, at + 4); // time
      h.writeUInt16LE(0x21, at + 6); // 1980-01-01
      h.writeUInt32LE(crc >>> 0, at + 8);
      h.writeUInt32LE(compressed.length, at + 12);
      h.writeUInt32LE(size, at + 16);
      h.writeUInt16LE(name.length, at + 20);
      h.writeUInt16LE(0, at + 22); // extra field length
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    fields(local, 6);
    const headerOffset = spec.sameDataAs === undefined ? offset : offsets[spec.sameDataAs]!;
    offsets.push(headerOffset);
    if (spec.sameDataAs === undefined) {
      parts.push(local, name, compressed);
      offset += local.length + name.length + compressed.length;
    }
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    fields(central, 8);
    central.writeUInt32LE(headerOffset, 42);
    records.push(central, name);
  }
  const directory = Buffer.concat(records);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(specs.length, 8);
  end.writeUInt16LE(specs.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

/**
 * Deflated zeros of any size, built from one compressed MiB repeated: each copy ends with a full
 * flush (byte-aligned, no references back), so the copies concatenate into one valid stream.
 * 2 GiB of zeros is about 2 MB here, and nothing of that size is ever held in memory.
 */
export function deflatedZeros(mebibytes: number): Buffer {
  const block = zlib.deflateRawSync(Buffer.alloc(1024 * 1024), { finishFlush: zlib.constants.Z_FULL_FLUSH });
  const last = zlib.deflateRawSync(Buffer.alloc(0));
  return Buffer.concat([...Array.from({ length: mebibytes }, () => block), last]);
}
