import fs from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { type FileLookup, SourceError, type VirtualFile } from "../formats/types";
import { SAMPLES, hasSamples, virtualFile } from "./sample-files";

export { SAMPLES, SAMPLES_MISSING, hasSamples, virtualFile } from "./sample-files";

/* Test support shared by the importer tests: inputs as VirtualFiles, and failures as messages. */

/** Hand-made inputs for formats without shared samples (OpenAI and ShareGPT JSONL). */
export const FIXTURES = path.resolve(import.meta.dirname, "../formats/fixtures");
export const noSiblings: FileLookup = { get: () => undefined, under: () => [] };

const fullPath = (rel: string) =>
  rel.startsWith("fixtures/") ? path.join(FIXTURES, rel.slice("fixtures/".length)) : path.join(SAMPLES, rel.slice("samples/".length));

/** `samples/inspect/x.eval` or `fixtures/y.jsonl` as a VirtualFile with that display path. */
export function inputFile(rel: string): VirtualFile {
  return virtualFile(rel, fs.readFileSync(fullPath(rel)));
}

/** Every sample and fixture with its first 64 KiB as text, as the import planner hands it to `detect`. */
export function allInputs(): { rel: string; head: string }[] {
  const walk = (dir: string, prefix: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(path.join(dir, d.name), `${prefix}/${d.name}`) : [`${prefix}/${d.name}`]));
  const rels = [...walk(FIXTURES, "fixtures"), ...(hasSamples ? walk(SAMPLES, "samples") : [])];
  return rels.map((rel) => ({ rel, head: fs.readFileSync(fullPath(rel)).subarray(0, 64 * 1024).toString("utf8") }));
}

/** The message of the SourceError `promise` rejects with (failing the test for anything else). */
export async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SourceError);
  return (error as SourceError).message;
}

/** A file as a user's import would name it (`/imports/x.json`), for messages that name the file. */
export function importedFile(rel: string, text: string): VirtualFile {
  const bytes = Buffer.from(text);
  return { path: `/imports/${rel}`, rel, size: bytes.length, read: async () => bytes };
}

/** Every shared sample, as a path relative to the samples folder. */
export function sampleRels(dir = SAMPLES): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sampleRels(path.join(dir, e.name)) : [path.relative(SAMPLES, path.join(dir, e.name))]));
}

/** A sample's first 64 KiB as text: what the import planner hands to `detect`. */
export const sampleHead = (rel: string) => fs.readFileSync(path.join(SAMPLES, rel)).subarray(0, 64 * 1024).toString("utf8");
