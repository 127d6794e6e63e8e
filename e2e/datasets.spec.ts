import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import yauzl from "yauzl";
import { checkOpenAi } from "../server/exports/formats/validate-chat";
import { atifJson } from "../server/testing/atif-document";

/*
 * A training set through the app: save the list's filter as a dataset, freeze it, export it as
 * OpenAI JSONL, download the zip and check what is inside — records a trainer accepts, a manifest,
 * a dataset card, and a planted token masked.
 */
const work = fs.mkdtempSync(path.join(os.tmpdir(), "trajstudio-e2e-datasets-"));
const TOKEN = "ghp_R8x2Lm4Qv7Tz9Wc3Ya6Nd1Kp5Hs0Jb8Fg2Ue";

function run(task: string, commands: { keystrokes: string; output?: string }[]) {
  const file = path.join(work, `${task}.trajectory.json`);
  fs.writeFileSync(file, atifJson({ session: task, model: "ds-model", commands }));
  return file;
}

/** The entries of a zip file, by name. */
function unzip(file: string): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const entries = new Map<string, string>();
      zip.on("entry", (entry: yauzl.Entry) =>
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c)).on("end", () => (entries.set(entry.fileName, Buffer.concat(chunks).toString("utf8")), zip.readEntry()));
        }),
      );
      zip.on("end", () => resolve(entries)).on("error", reject);
      zip.readEntry();
    });
  });
}

test("a dataset is built from the list, frozen and exported, and the download holds a valid training set", async ({ page }) => {
  const files = [
    run("ds-alpha", [{ keystrokes: "env | grep GH", output: `GH_TOKEN=${TOKEN}\n` }, { keystrokes: "echo ok > a.txt" }, { keystrokes: "cat a.txt", output: "ok" }]),
    run("ds-beta", [{ keystrokes: "cat b.txt", output: "b" }, { keystrokes: "echo x > b.txt" }, { keystrokes: "cat b.txt", output: "x" }]),
  ];
  await page.goto("/import");
  await page.getByTestId("import-files-input").setInputFiles(files);
  await page.getByRole("button", { name: "Import 2 files" }).click();
  await expect(page.getByRole("region", { name: "Import report" }).getByRole("list", { name: "Summary" })).toContainText(/2\s*trajectories/, { timeout: 30_000 });

  // From the filtered list to a new dataset: the filter comes along.
  await page.goto("/trajectories?task=ds-");
  await page.getByRole("link", { name: "Save as dataset…" }).click();
  const form = page.getByRole("form", { name: "New dataset" });
  await expect(form.getByRole("textbox", { name: /^Filter/ })).toHaveValue("task=ds-");
  await form.getByRole("textbox", { name: /^Name/ }).fill("e2e-grounded");
  await form.getByRole("checkbox", { name: "failed runs too" }).check(); // these runs have no outcome
  await form.getByRole("button", { name: "Create dataset" }).click();
  await expect(page).toHaveURL(/\/datasets\/e2e-grounded$/);
  await expect(page.getByRole("status").first()).toContainText("would select 2");

  await page.getByRole("button", { name: "Freeze a new version" }).click();
  const v1 = page.getByRole("article", { name: "Version 1" });
  await expect(v1).toContainText("2 trajectories");
  await v1.getByRole("button", { name: "Export" }).click();
  const download = v1.getByRole("link", { name: "Download .zip" });
  await expect(download).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: "e2e/artifacts/dataset.png", fullPage: true });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.reload(); // shown dark from the first paint, not mid-transition
  await expect(download).toBeVisible();
  await page.screenshot({ path: "e2e/artifacts/dataset-dark.png", fullPage: true });
  await page.emulateMedia({ colorScheme: "light" });

  const [file] = await Promise.all([page.waitForEvent("download"), download.click()]);
  expect(file.suggestedFilename()).toBe("e2e-grounded-v1-openai.zip");
  const saved = path.join(work, "export.zip");
  await file.saveAs(saved);
  const entries = await unzip(saved);
  const folder = "e2e-grounded-v1-openai";
  expect([...entries.keys()].sort()).toEqual([`${folder}/README.md`, `${folder}/manifest.json`, `${folder}/train.jsonl`]);
  const records = entries.get(`${folder}/train.jsonl`)!.trimEnd().split("\n").map((line) => JSON.parse(line) as never);
  expect(records).toHaveLength(2);
  for (const record of records) expect(checkOpenAi(record)).toEqual([]);
  expect(entries.get(`${folder}/train.jsonl`)).not.toContain(TOKEN);
  expect(JSON.parse(entries.get(`${folder}/manifest.json`)!)).toMatchObject({ dataset: "e2e-grounded", version: 1, format: "openai", counts: { exported: 2 }, redactions: { "github-token": expect.any(Number) } });
  expect(entries.get(`${folder}/README.md`)).toContain("# e2e-grounded — version 1");

  // Close the loop: a student trained on v1, recorded here, shows on the teacher chart.
  await v1.getByText(/^Students trained on v1/).click();
  const student = v1.getByRole("form", { name: "Record a student of version 1" });
  await student.getByRole("textbox", { name: "Student model" }).fill("qwen3-8b-sft");
  await student.getByRole("textbox", { name: "Benchmark" }).fill("terminal-bench-2.0");
  await student.getByRole("textbox", { name: "Score" }).fill("0.42");
  await student.getByRole("button", { name: "Record" }).click();
  await expect(v1.getByRole("list", { name: "Student results" })).toContainText("qwen3-8b-sft");
  await page.goto("/agents");
  await expect(page.getByRole("table").filter({ hasText: "qwen3-8b-sft" })).toContainText("e2e-grounded");
});
