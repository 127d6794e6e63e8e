import { inspectImporter } from "../formats/inspect";
import { type VirtualFile, SourceError } from "../formats/types";
import { listZip } from "../formats/zip";

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * Replaces each zip archive by the files inside it (`runs.zip!trial-1/results.json`), so trial
 * directories inside an archive are recognized like any other. An Inspect `.eval` is a zip too,
 * but one log: it stays a file. Entries are read lazily; the zip reader refuses unsafe names and
 * bombs, and such an archive fails as a whole with the reason.
 */
export async function expandArchives(files: VirtualFile[]): Promise<{ files: VirtualFile[]; failed: { path: string; error: string }[] }> {
  const out: VirtualFile[] = [];
  const failed: { path: string; error: string }[] = [];
  for (const file of files) {
    if (!(await isArchive(file))) {
      out.push(file);
      continue;
    }
    try {
      const entries = await listZip(file.localPath ?? (await file.read()), file.path);
      for (const entry of entries) {
        // Kept once inflated: the importer reads a file to parse it and again to hash it.
        let kept: Promise<Buffer> | undefined;
        out.push({
          path: `${file.path}!${entry.name}`,
          rel: `${file.rel}/${entry.name}`,
          size: entry.size,
          read: () => (kept ??= entry.read()),
          forget: () => void (kept = undefined),
        });
      }
    } catch (error) {
      failed.push({ path: file.path, error: error instanceof SourceError ? error.message : `${file.path}: not a readable zip archive (${(error as Error).message})` });
    }
  }
  return { files: out, failed };
}

/** Four bytes decide for almost every file; only zips pay for the larger read Inspect needs. */
async function isArchive(file: VirtualFile): Promise<boolean> {
  if (file.size < 4) return false;
  const read = (bytes: number) => (file.head ? file.head(bytes) : file.read().then((b) => b.subarray(0, bytes)));
  if (!(await read(4)).equals(ZIP_MAGIC)) return false;
  return !inspectImporter.detect((await read(64 * 1024)).toString("latin1"), file.rel);
}
