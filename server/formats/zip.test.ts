import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { deflatedZeros, makeZip } from "../testing/make-zip";
import { SourceError } from "./types";
import { listZip } from "./zip";

/* Archives are built in the test with a minimal zip writer (fixtures/make-zip.ts), not the `zip` command. */

const MiB = 1024 * 1024;

async function failure(promise: Promise<unknown>): Promise<SourceError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SourceError);
  return error as SourceError;
}

describe("listZip", () => {
  const archive = makeZip([
    { name: "run/", method: 0 },
    { name: "run/result.json", data: '{"reward": 1}' },
    { name: "run/notes.txt", data: "stored as is", method: 0 },
  ]);

  it("lists files (not directories) and reads them lazily, from bytes and from a path", async () => {
    const fromBytes = await listZip(archive, "runs.zip");
    expect(fromBytes.map((e) => [e.name, e.size])).toEqual([
      ["run/result.json", 13],
      ["run/notes.txt", 12],
    ]);
    expect((await fromBytes[0]!.read()).toString()).toBe('{"reward": 1}');

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zip-test-"));
    const file = path.join(dir, "runs.zip");
    fs.writeFileSync(file, archive);
    const fromPath = await listZip(file, "runs.zip");
    // Reads after listing open the file again: read twice, in parallel.
    const texts = await Promise.all([...fromPath, ...fromPath].map(async (e) => (await e.read()).toString()));
    expect(texts).toEqual(["{\"reward\": 1}", "stored as is", "{\"reward\": 1}", "stored as is"]);
    fs.rmSync(dir, { recursive: true });
  });

  it.each([
    ["../evil", /"\.\.\/evil".*"\.\." path segment.*zip-slip/],
    ["run/../../evil", /"run\/\.\.\/\.\.\/evil".*zip-slip/],
    ["..\\evil", /"\.\.\/evil".*zip-slip/], // backslashes are read as separators
    ["/etc/cron.d/evil", /"\/etc\/cron\.d\/evil".*absolute path/],
    ["C:/evil", /"C:\/evil".*absolute path/],
  ])("rejects the whole archive for an entry named %s", async (name, message) => {
    const zip = makeZip([{ name: "ok.txt", data: "fine" }, { name, data: "pwned" }]);
    const error = await failure(listZip(zip, "upload.zip"));
    expect(error.message).toMatch(/^upload\.zip \(entry /);
    expect(error.message).toMatch(message);
  });

  describe("zip bombs", () => {
    // 2 GiB of zeros in about 2 MB, sizes declared honestly.
    const zeros = deflatedZeros(2048);
    const honest = makeZip([{ name: "zeros.bin", compressed: zeros, size: 2048 * MiB, crc: 0 }]);

    it("rejects an entry declaring more than the per-entry limit before inflating anything", async () => {
      expect(honest.length).toBeLessThan(3 * MiB);
      const error = await failure(listZip(honest, "bomb.zip"));
      expect(error.message).toBe('bomb.zip (entry "zeros.bin"): would unpack to 2 GiB, more than the 1 GiB allowed for one entry (a zip bomb?)');
    });

    it("rejects a compression ratio above the limit", async () => {
      const error = await failure(listZip(honest, "bomb.zip", { maxEntryBytes: 4 * 1024 * MiB }));
      expect(error.message).toMatch(/^bomb\.zip \(entry "zeros\.bin"\): would unpack 2(\.\d)? MiB into 2 GiB, a ratio above 200:1/);
    });

    it("rejects an archive whose entries add up to more than the total limit", async () => {
      const half = deflatedZeros(512);
      const zip = makeZip(["a", "b", "c"].map((name) => ({ name, compressed: half, size: 512 * MiB, crc: 0 })));
      const error = await failure(listZip(zip, "bomb.zip", { maxRatio: 10_000, maxTotalBytes: 1024 * MiB }));
      expect(error.message).toBe("bomb.zip: the archive would unpack to more than the 1 GiB allowed (a zip bomb?)");
    });

    it("stops inflating at the declared size when the declared size lies", async () => {
      const liar = makeZip([{ name: "small.json", compressed: deflatedZeros(64), size: 1000, crc: 0 }]);
      const [entry] = await listZip(liar, "liar.zip");
      const error = await failure(entry!.read());
      expect(error.message).toMatch(/^liar\.zip \(entry "small\.json"\): (is corrupt: the data does not match the declared size|unpacks to more than its declared 1000 bytes)/);
    });

    it("rejects too many entries, and entries that share their data", async () => {
      const many = makeZip(Array.from({ length: 11 }, (_, i) => ({ name: `f${i}`, data: "x" })));
      expect((await failure(listZip(many, "many.zip", { maxEntries: 10 }))).message).toBe(
        "many.zip: the archive has 11 entries, more than the 10 allowed (a zip bomb?)",
      );
      const overlapping = makeZip([{ name: "a", data: "shared" }, { name: "b", data: "shared", sameDataAs: 0 }]);
      expect((await failure(listZip(overlapping, "overlap.zip"))).message).toMatch(/^overlap\.zip \(entry "b"\): overlaps the data of entry "a"/);
    });
  });

  describe("broken archives", () => {
    it("says a truncated archive or a non-zip is one", async () => {
      const truncated = archive.subarray(0, archive.length - 30);
      expect((await failure(listZip(truncated, "cut.zip"))).message).toBe(
        "cut.zip: not a zip archive, or the archive is truncated (its end-of-archive record is missing)",
      );
      expect((await failure(listZip(Buffer.from("just text"), "notes.zip"))).message).toMatch(/^notes\.zip: not a zip archive/);
    });

    it("names the entry whose data is corrupt", async () => {
      const data = Buffer.from("hello hello hello hello hello hello hello hello");
      const deflated = zlib.deflateRawSync(data);
      deflated.fill(0xff, 2, 6);
      const [bad] = await listZip(makeZip([{ name: "log.json", compressed: deflated, size: data.length, crc: zlib.crc32(data) }]), "bad.zip");
      expect((await failure(bad!.read())).message).toMatch(/^bad\.zip \(entry "log\.json"\): is corrupt: /);

      const [wrongCrc] = await listZip(makeZip([{ name: "x.txt", data: "abc", method: 0, crc: 1 }]), "crc.zip");
      expect((await failure(wrongCrc!.read())).message).toBe('crc.zip (entry "x.txt"): is corrupt: its checksum (CRC-32) does not match its data');
    });

    it("names an unsupported compression method instead of failing obscurely", async () => {
      const [entry] = await listZip(makeZip([{ name: "header.json", compressed: Buffer.from("zstd?"), method: 93, size: 5, crc: 0 }]), "new.eval");
      expect((await failure(entry!.read())).message).toMatch(/^new\.eval \(entry "header\.json"\): is compressed with Zstandard; only stored and deflated/);
    });
  });
});
