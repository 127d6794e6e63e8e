import fs from "node:fs";
import path from "node:path";
import type { FileLookup, VirtualFile } from "../formats/types";
import { lookupOf } from "../imports/plan";
import { walkPaths } from "../imports/walk";

/** The shared samples (real files from other projects), beside the checkout; absent in a user's own clone. */
export const SAMPLES = path.resolve(process.cwd(), "../shared/samples");
export const hasSamples = fs.existsSync(SAMPLES);
export const SAMPLES_MISSING = `../shared/samples is not beside this checkout: sample-based tests skipped`;

/** A file given as text or bytes, for hand-built cases. */
export function virtualFile(rel: string, text: string | Buffer): VirtualFile {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text, "utf8");
  return { path: rel, rel, size: bytes.length, read: async () => bytes };
}

/** Every file under a samples subdirectory, with a lookup over them. */
export async function sampleTree(sub: string): Promise<{ files: VirtualFile[]; lookup: FileLookup; file(rel: string): VirtualFile }> {
  const { files } = await walkPaths([path.join(SAMPLES, sub)]);
  const lookup = lookupOf(files);
  return {
    files,
    lookup,
    file(rel) {
      const found = files.find((f) => f.rel.endsWith(rel));
      if (!found) throw new Error(`no sample file ending in ${rel}`);
      return found;
    },
  };
}
