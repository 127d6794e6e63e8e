import fs from "node:fs/promises";
import path from "node:path";

/*
 * The little tar the Engine API needs: archives of a build context or a directory to copy into a
 * container, and reading a file back out of the archive GET /containers/{id}/archive returns.
 * ustar, with a PAX `path` record for names over ustar's limits; regular files, directories and
 * symlinks only. Everything is owned by root and dated 0 so the same directory gives the same
 * archive (the engine's build cache keys on content and mode, not on time).
 */

export type TarEntry =
  | { type: "file"; name: string; data: Buffer; mode?: number }
  | { type: "dir"; name: string; mode?: number }
  | { type: "symlink"; name: string; target: string };

const BLOCK = 512;

export function writeTar(entries: TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const name = entry.type === "dir" && !entry.name.endsWith("/") ? `${entry.name}/` : entry.name;
    const data = entry.type === "file" ? entry.data : Buffer.alloc(0);
    const linkname = entry.type === "symlink" ? entry.target : "";
    const split = splitName(name);
    if (!split || Buffer.byteLength(linkname) > 100) {
      const records = paxRecord("path", name) + (Buffer.byteLength(linkname) > 100 ? paxRecord("linkpath", linkname) : "");
      const pax = Buffer.from(records, "utf8");
      parts.push(header({ name: "PaxHeader", size: pax.length, mode: 0o644, typeflag: "x", linkname: "" }), pad(pax));
    }
    const mode = entry.type === "symlink" ? 0o777 : (entry.mode ?? (entry.type === "dir" ? 0o755 : 0o644));
    const typeflag = entry.type === "file" ? "0" : entry.type === "dir" ? "5" : "2";
    parts.push(header({ name: split?.name ?? name.slice(-100), prefix: split?.prefix, size: data.length, mode, typeflag, linkname: linkname.slice(0, 100) }));
    if (data.length > 0) parts.push(pad(data));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}

/** An archive's files, directories and symlinks, in order (PAX `path` records applied). */
export function readTar(archive: Buffer): TarEntry[] {
  const entries: TarEntry[] = [];
  let offset = 0;
  let paxPath: string | undefined;
  while (offset + BLOCK <= archive.length) {
    const block = archive.subarray(offset, offset + BLOCK);
    if (block.every((b) => b === 0)) break;
    const size = parseOctal(block.subarray(124, 136));
    const mode = parseOctal(block.subarray(100, 108)) || undefined;
    const typeflag = String.fromCharCode(block[156] ?? 0x30);
    const prefix = cString(block.subarray(345, 500));
    const name = paxPath ?? (prefix ? `${prefix}/${cString(block.subarray(0, 100))}` : cString(block.subarray(0, 100)));
    const data = archive.subarray(offset + BLOCK, offset + BLOCK + size);
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (typeflag === "x") {
      paxPath = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(data.toString("utf8"))?.[1];
      continue;
    }
    paxPath = undefined;
    if (typeflag === "0" || typeflag === "\0") entries.push({ type: "file", name, data: Buffer.from(data), mode });
    else if (typeflag === "5") entries.push({ type: "dir", name: name.replace(/\/+$/, ""), mode });
    else if (typeflag === "2") entries.push({ type: "symlink", name, target: cString(block.subarray(157, 257)) });
  }
  return entries;
}

/** The regular files in an archive, by name. */
export function readTarFiles(archive: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readTar(archive)) if (entry.type === "file") files.set(entry.name, entry.data);
  return files;
}

/**
 * A directory's contents as entries under `prefix` (no leading slash), sorted so the archive is
 * the same on every machine. Files keep their executable bit, as `docker build` would.
 */
export async function directoryEntries(dir: string, prefix = ""): Promise<TarEntry[]> {
  const entries: TarEntry[] = [];
  const walk = async (abs: string, rel: string) => {
    const children = (await fs.readdir(abs, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const child of children) {
      const childAbs = path.join(abs, child.name);
      const name = rel ? `${rel}/${child.name}` : child.name;
      if (child.isSymbolicLink()) entries.push({ type: "symlink", name, target: await fs.readlink(childAbs) });
      else if (child.isDirectory()) {
        entries.push({ type: "dir", name, mode: (await fs.stat(childAbs)).mode & 0o7777 });
        await walk(childAbs, name);
      } else if (child.isFile()) {
        const stat = await fs.stat(childAbs);
        entries.push({ type: "file", name, data: await fs.readFile(childAbs), mode: stat.mode & 0o111 ? 0o755 : 0o644 });
      }
    }
  };
  await walk(dir, prefix.replace(/^\/+|\/+$/g, ""));
  return entries;
}

type Header = { name: string; prefix?: string; size: number; mode: number; typeflag: string; linkname: string };

function header(h: Header): Buffer {
  const block = Buffer.alloc(BLOCK);
  block.write(h.name, 0, 100, "utf8");
  octal(block, 100, 8, h.mode);
  octal(block, 108, 8, 0); // uid
  octal(block, 116, 8, 0); // gid
  octal(block, 124, 12, h.size);
  octal(block, 136, 12, 0); // mtime
  block.write(h.typeflag, 156, 1, "ascii");
  block.write(h.linkname, 157, 100, "utf8");
  block.write("ustar\u000000", 257, 8, "ascii");
  block.write("root", 265, 32, "ascii");
  block.write("root", 297, 32, "ascii");
  if (h.prefix) block.write(h.prefix, 345, 155, "utf8");
  // The checksum is computed with its own field as spaces.
  block.fill(0x20, 148, 156);
  const sum = block.reduce((acc, b) => acc + b, 0);
  block.write(`${sum.toString(8).padStart(6, "0")}\u0000 `, 148, 8, "ascii");
  return block;
}

/** ustar keeps names up to 100 bytes, or a prefix of up to 155 plus a name, split at a slash. */
function splitName(name: string): { name: string; prefix?: string } | undefined {
  if (Buffer.byteLength(name) <= 100) return { name };
  for (let i = name.indexOf("/"); i !== -1; i = name.indexOf("/", i + 1)) {
    const prefix = name.slice(0, i);
    const rest = name.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(rest) <= 100 && rest) return { name: rest, prefix };
  }
  return undefined;
}

/** A PAX record is "<length> key=value\n" where the length counts its own digits. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = Buffer.byteLength(body);
  while (String(length).length + Buffer.byteLength(body) !== length) length = String(length).length + Buffer.byteLength(body);
  return `${length}${body}`;
}

function octal(block: Buffer, offset: number, width: number, value: number) {
  block.write(`${value.toString(8).padStart(width - 1, "0")}\u0000`, offset, width, "ascii");
}

function parseOctal(field: Buffer): number {
  const text = cString(field).trim();
  return text ? parseInt(text, 8) : 0;
}

function cString(field: Buffer): string {
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? field.length : end).toString("utf8");
}

function pad(data: Buffer): Buffer {
  const rest = data.length % BLOCK;
  return rest === 0 ? data : Buffer.concat([data, Buffer.alloc(BLOCK - rest)]);
}
