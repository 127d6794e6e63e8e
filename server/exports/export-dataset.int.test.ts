import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { exports, steps } from "@/db/schema";
import { createDataset } from "../datasets/create-dataset";
import { freezeDataset } from "../datasets/freeze-dataset";
import { storeMissingMemberContents } from "../datasets/member-content";
import { importPaths } from "../imports/import-sources";
import { addLabel } from "../labels/add-label";
import { atifJson } from "../testing/atif-document";
import { SAMPLES, SAMPLES_MISSING, hasSamples } from "../testing/format-inputs";
import { openTestDatabase, uniqueName } from "../testing/test-database";
import { type ExportFormat, exportDataset } from "./export-dataset";
import { checkAtif } from "./formats/validate-atif";
import { checkAxolotl, checkOpenAi, checkShareGpt } from "./formats/validate-chat";

/*
 * A dataset of real runs (the shared samples when present) plus two hand-built runs with planted
 * secrets, frozen and exported in every format: each record passes its consumer's checks, a second
 * export of the version is byte-identical (after a relabel too), secrets are masked and counted.
 */
const GITHUB_TOKEN = "ghp_R8x2Lm4Qv7Tz9Wc3Ya6Nd1Kp5Hs0Jb8Fg2Ue";
const EMAIL = "maria.lopez@acme-robotics.io"; // not a reserved example domain: those are left alone
let database: Database;
let work: string;
const dataset = uniqueName("export-set");

beforeAll(async () => {
  database = await openTestDatabase();
  work = fs.mkdtempSync(path.join(os.tmpdir(), "trajstudio-export-"));
  const planted = path.join(work, "planted");
  fs.mkdirSync(planted);
  fs.writeFileSync(
    path.join(planted, "secret-a.trajectory.json"),
    atifJson({ session: "secret-a", commands: [{ keystrokes: "env | grep TOKEN", output: `GITHUB_TOKEN=${GITHUB_TOKEN}\n` }, { keystrokes: `git config user.email ${EMAIL}`, output: "" }, "git config user.email"] }),
  );
  fs.writeFileSync(path.join(planted, "secret-b.trajectory.json"), atifJson({ session: "secret-b", commands: ["cat app.conf", "echo ok > app.conf", "cat app.conf"] }));
  await importPaths(database.db, hasSamples ? [planted, SAMPLES] : [planted]);
  await createDataset(database.db, { name: dataset, options: { outcome: "any", dedupe: false, validationShare: 0.3, seed: "x" } });
  await freezeDataset(database.db, { dataset });
});
afterAll(async () => {
  await database.close();
  fs.rmSync(work, { recursive: true, force: true });
});

const out = (name: string) => path.join(work, name);
const lines = (file: string) => fs.readFileSync(file, "utf8").trimEnd().split("\n").map((l) => JSON.parse(l) as never);

describe("exporting a frozen version", () => {
  if (!hasSamples) console.warn(SAMPLES_MISSING);

  it.each<[ExportFormat, (r: never) => string[]]>([
    ["openai", checkOpenAi],
    ["sharegpt", checkShareGpt],
    ["axolotl", (r) => checkAxolotl(r)],
  ])("%s: every record passes its consumer's checks", async (format, check) => {
    const summary = await exportDataset(database.db, { dataset, format, out: out(format) });
    expect(summary.trajectories).toBeGreaterThanOrEqual(2);
    const records = ["train.jsonl", "validation.jsonl"].filter((f) => fs.existsSync(path.join(summary.dir, f))).flatMap((f) => lines(path.join(summary.dir, f)));
    expect(records).toHaveLength(summary.trajectories);
    for (const record of records) expect(check(record)).toEqual([]);
    const manifest = JSON.parse(fs.readFileSync(path.join(summary.dir, "manifest.json"), "utf8"));
    expect(manifest).toMatchObject({ dataset, version: 1, format, counts: { exported: summary.trajectories } });
    expect(fs.readFileSync(path.join(summary.dir, "README.md"), "utf8")).toMatch(/^---\npretty_name:/);
    if (format === "sharegpt") expect(Object.values(JSON.parse(fs.readFileSync(path.join(summary.dir, "dataset_info.json"), "utf8")))).toContainEqual(expect.objectContaining({ formatting: "sharegpt" }));
  });

  it("atif: one valid document per trajectory", async () => {
    const summary = await exportDataset(database.db, { dataset, format: "atif", out: out("atif") });
    const files = summary.files.filter((f) => f.startsWith("atif/"));
    expect(files.length).toBe(summary.trajectories);
    for (const f of files) expect(checkAtif(JSON.parse(fs.readFileSync(path.join(summary.dir, f), "utf8")))).toEqual([]);
  });

  it("masks planted secrets and e-mail addresses and lists them in the manifest", async () => {
    const summary = await exportDataset(database.db, { dataset, format: "openai", out: out("redacted") });
    const all = summary.files.filter((f) => f.endsWith(".jsonl")).map((f) => fs.readFileSync(path.join(summary.dir, f), "utf8")).join("");
    expect(all).not.toContain(GITHUB_TOKEN);
    expect(all).not.toContain(EMAIL);
    expect(all).toContain("[REDACTED:github-token]");
    expect(all).toContain("[REDACTED:email]");
    const manifest = JSON.parse(fs.readFileSync(path.join(summary.dir, "manifest.json"), "utf8"));
    expect(manifest.redactions["github-token"]).toBeGreaterThanOrEqual(1);
    expect(manifest.redactions.email).toBeGreaterThanOrEqual(1);
    // Turned off, the text is as recorded.
    const raw = await exportDataset(database.db, { dataset, format: "openai", out: out("raw"), options: { redact: false } });
    expect(raw.files.filter((f) => f.endsWith(".jsonl")).map((f) => fs.readFileSync(path.join(raw.dir, f), "utf8")).join("")).toContain(GITHUB_TOKEN);
  });

  it("exports a version again byte for byte, even after its steps were relabeled", async () => {
    const first = await exportDataset(database.db, { dataset, format: "axolotl", out: out("again-1") });
    const [step] = await database.db.select({ id: steps.id }).from(steps).where(eq(steps.action, "cat app.conf")).orderBy(asc(steps.id)).limit(1);
    await addLabel(database.db, { stepId: step!.id, tag: "act", annotator: "later" });
    await freezeDataset(database.db, { dataset }); // a new version; version 1 stays as it was
    const second = await exportDataset(database.db, { dataset, version: 1, format: "axolotl", out: out("again-2") });
    expect(second.contentHash).toBe(first.contentHash);
    for (const f of first.files) expect(fs.readFileSync(path.join(second.dir, f))).toEqual(fs.readFileSync(path.join(first.dir, f)));
  });

  it("exports a version from what its freeze stored: later changes to the live rows do not reach it", async () => {
    const first = await exportDataset(database.db, { dataset, version: 1, format: "openai", out: out("stored-1") });
    // Nothing in the app rewrites a step's text; a hand edit in SQL stands for whatever might.
    await database.db.execute(sql`update steps set observation = 'rewritten later' where action = 'cat app.conf'`);
    const second = await exportDataset(database.db, { dataset, version: 1, format: "openai", out: out("stored-2") });
    expect(second.contentHash).toBe(first.contentHash);
    expect(fs.readFileSync(path.join(second.dir, second.files.find((f) => f.endsWith(".jsonl"))!), "utf8")).not.toContain("rewritten later");
  });

  it("completes a version frozen before contents were stored, with the bytes it exported then", async () => {
    const name = uniqueName("older-set");
    await createDataset(database.db, { name, options: { outcome: "any", dedupe: false, excludeSteps: {} } });
    const version = await freezeDataset(database.db, { dataset: name });
    const before = await exportDataset(database.db, { dataset: name, format: "sharegpt", out: out("older-1") });
    // As migration 0006 left a version frozen before it: members without a stored content.
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`alter table dataset_version_members disable trigger dataset_version_members_immutable`);
      await tx.execute(sql`update dataset_version_members set content_hash = null where version_id = ${version.id}`);
      await tx.execute(sql`alter table dataset_version_members enable trigger dataset_version_members_immutable`);
    });
    await expect(exportDataset(database.db, { dataset: name, format: "sharegpt", out: out("older-missing") })).rejects.toThrow(/no stored content/);
    expect(await storeMissingMemberContents(database.db)).toBe(version.memberCount);
    expect(await storeMissingMemberContents(database.db)).toBe(0);
    const after = await exportDataset(database.db, { dataset: name, format: "sharegpt", out: out("older-2") });
    expect(after.contentHash).toBe(before.contentHash);
  });

  it("writes nothing when cancelled or when the directory is taken", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(exportDataset(database.db, { dataset, format: "openai", out: out("cancelled"), signal: controller.signal })).rejects.toThrow(/cancelled/);
    expect(fs.existsSync(out("cancelled"))).toBe(false);
    expect(fs.readdirSync(work).filter((f) => f.includes(".partial-"))).toEqual([]);
    const [last] = await database.db.select().from(exports).orderBy(asc(exports.id)).then((rows) => rows.slice(-1));
    expect(last!.status).toBe("cancelled");
    await expect(exportDataset(database.db, { dataset, format: "openai", out: out("openai") })).rejects.toThrow(/already exists/);
  });
});
