/** A file to upload, and where it goes: its path relative to what was dropped or chosen. */
export type PickedFile = { path: string; file: File };

export type Collected = { files: PickedFile[]; errors: string[] };

/** From an <input type=file>; a chosen folder's files carry their path below it ("runs/trial-1/result.json"). */
export function fromFileList(list: FileList): PickedFile[] {
  return Array.from(list, (file) => ({ path: file.webkitRelativePath || file.name, file }));
}

/**
 * The drop's entries, taken synchronously: the browser empties the DataTransfer once the drop
 * event returns, so folders are walked afterwards from these entries.
 */
export function takeDropped(dataTransfer: DataTransfer): { entries: FileSystemEntry[]; loose: File[] } {
  const items = Array.from(dataTransfer.items).filter((item) => item.kind === "file");
  if (items.length === 0 || typeof items[0]!.webkitGetAsEntry !== "function") {
    return { entries: [], loose: Array.from(dataTransfer.files) };
  }
  const entries: FileSystemEntry[] = [];
  const loose: File[] = [];
  for (const item of items) {
    const entry = item.webkitGetAsEntry();
    if (entry) entries.push(entry);
    else {
      const file = item.getAsFile();
      if (file) loose.push(file);
    }
  }
  return { entries, loose };
}

/** Every file below the dropped entries, with paths relative to the drop ("runs/trial-1/result.json"). */
export async function walkDropped({ entries, loose }: { entries: FileSystemEntry[]; loose: File[] }): Promise<Collected> {
  const files: PickedFile[] = loose.map((file) => ({ path: file.name, file }));
  const errors: string[] = [];
  async function visit(entry: FileSystemEntry): Promise<void> {
    const path = entry.fullPath.replace(/^\/+/, "") || entry.name;
    try {
      if (isFile(entry)) files.push({ path, file: await fileOf(entry) });
      else if (isDirectory(entry)) for (const child of await readAll(entry)) await visit(child);
    } catch (error) {
      errors.push(`${path}: could not be read (${(error as Error).message || (error as DOMException).name || "unknown error"}).`);
    }
  }
  for (const entry of entries) await visit(entry);
  return { files, errors };
}

const isFile = (entry: FileSystemEntry): entry is FileSystemFileEntry => entry.isFile;
const isDirectory = (entry: FileSystemEntry): entry is FileSystemDirectoryEntry => entry.isDirectory;

const fileOf = (entry: FileSystemFileEntry) => new Promise<File>((resolve, reject) => entry.file(resolve, reject));

/** readEntries answers in batches (100 at a time in Chromium) until it returns an empty one. */
function readAll(directory: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = directory.createReader();
  const all: FileSystemEntry[] = [];
  return new Promise((resolve, reject) => {
    const next = () =>
      reader.readEntries((batch) => {
        if (batch.length === 0) return resolve(all);
        all.push(...batch);
        next();
      }, reject);
    next();
  });
}

/**
 * Adds newly picked files to a selection. The same file picked twice is kept once; a different
 * file at a path already taken (two `trajectory.json` from different folders) gets a numbered
 * name instead of silently replacing the first on the server.
 */
export function mergePicked(current: PickedFile[], added: PickedFile[]): PickedFile[] {
  const byPath = new Map(current.map((p) => [p.path, p]));
  for (const pick of added) {
    const existing = byPath.get(pick.path);
    if (existing && sameFile(existing.file, pick.file)) continue;
    let path = pick.path;
    for (let n = 2; byPath.has(path); n++) path = numbered(pick.path, n);
    byPath.set(path, { path, file: pick.file });
  }
  return [...byPath.values()];
}

const sameFile = (a: File, b: File) => a.name === b.name && a.size === b.size && a.lastModified === b.lastModified;

/** "runs/trajectory.json" → "runs/trajectory (2).json". */
function numbered(path: string, n: number): string {
  const slash = path.lastIndexOf("/");
  const dot = path.lastIndexOf(".");
  const cut = dot > slash + 1 ? dot : path.length;
  return `${path.slice(0, cut)} (${n})${path.slice(cut)}`;
}
