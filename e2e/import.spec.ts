import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";

/*
 * Importing through the browser: files go up, the server imports them into the database it
 * holds, and the validation report says what each became. Uses the shared ATIF samples.
 */
const SAMPLES = path.resolve(process.cwd(), "../shared/samples/atif/terminus2");

test("uploading runs imports them, reports duplicates on a second upload, and names the broken file", async ({ page }) => {
  test.skip(!fs.existsSync(SAMPLES), "../shared/samples is not beside this checkout");
  const samples = fs.readdirSync(SAMPLES).map((f) => path.join(SAMPLES, f));

  await page.goto("/import");
  await expect(page.getByRole("heading", { name: "Import", level: 1 })).toBeVisible();
  await page.getByTestId("import-files-input").setInputFiles(samples);
  await page.getByRole("button", { name: "Import 5 files" }).click();

  const report = page.getByRole("region", { name: "Import report" });
  await expect(report.getByRole("heading", { name: "Import report" })).toBeVisible({ timeout: 30_000 });
  const rows = report.getByRole("table").getByRole("row");
  await expect(rows.filter({ hasText: "hello-world-context-summarization.trajectory.json" })).toContainText("imported");
  await expect(rows.filter({ hasText: "hello-world-invalid-json.trajectory.json" })).toContainText("could not be parsed by the harness");
  await expect(report.getByRole("list", { name: "Summary" })).toContainText(/2\s*trajectories/);
  await page.screenshot({ path: "e2e/artifacts/import-report.png", fullPage: true });

  await page.getByRole("link", { name: "View trajectories" }).click();
  await expect(page.getByRole("heading", { name: "Trajectories", level: 1 })).toBeVisible();
  await expect(page.getByRole("cell", { name: "hello-world-invalid-json" })).toBeVisible();
  // Tagged and scored at import: 4 acts, none observed first (TOR 0), one read back (VAR 1/4),
  // a verify after the last act (closed loop 1): EGS (0 + 0.25 + 1) / 3.
  await expect(page.getByRole("row").filter({ hasText: "hello-world-context-summarization" })).toContainText("41.7%");

  // The teacher's row: its two trajectories' EGS, 41.7% and 0%, averaged.
  await page.goto("/agents");
  await expect(page.getByRole("row").filter({ hasText: "terminus-2/gpt-4o" })).toContainText("20.8%");
  // The samples record no outcome: the teacher chart says why it cannot place this teacher (among
  // others that earlier specs imported).
  await expect(page.getByRole("figure")).toContainText(/Not plotted \(no recorded outcome or no act to score\):.*terminus-2\/gpt-4o/);
  await page.screenshot({ path: "e2e/artifacts/agents-scored.png", fullPage: true });

  // The same files again: nothing new, and the report says so.
  await page.goto("/import");
  const broken = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "trajstudio-e2e-")), "broken.trajectory.json");
  fs.writeFileSync(broken, '{"schema_version": "ATIF-v1.7",\n  "steps": [{"step_id": 1,');
  await page.getByTestId("import-files-input").setInputFiles([...samples, broken]);
  await page.getByRole("button", { name: "Import 6 files" }).click();
  await expect(report.getByRole("list", { name: "Summary" })).toContainText(/2\s*duplicates/, { timeout: 30_000 });
  await expect(rows.filter({ hasText: "broken.trajectory.json" })).toContainText("broken.trajectory.json (line 2, column 27): the JSON ends too early");
  await page.screenshot({ path: "e2e/artifacts/import-report-failure.png", fullPage: true });
});
