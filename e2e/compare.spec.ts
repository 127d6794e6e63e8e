import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Page, expect, test } from "@playwright/test";
import { atifJson } from "../server/testing/atif-document";

/*
 * Two teachers on one task: the matrix lists both, and Compare shows their replays side by side,
 * stepping through actions together. Both runs are built here (ATIF names the task after the file).
 */
function run(model: string, commands: [string, string][]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trajstudio-e2e-compare-"));
  const file = path.join(dir, "cmp-task.trajectory.json");
  fs.writeFileSync(file, atifJson({ session: `cmp-${model}`, model, task: "Task Description:\nCompare me.", commands: commands.map(([keystrokes, output]) => ({ keystrokes, output })) }));
  return file;
}

async function upload(page: Page, file: string) {
  await page.goto("/import");
  await page.getByTestId("import-files-input").setInputFiles([file]);
  await page.getByRole("button", { name: "Import 1 file" }).click();
  await expect(page.getByRole("region", { name: "Import report" }).getByRole("list", { name: "Summary" })).toContainText(/1\s*trajector/, { timeout: 30_000 });
}

test("compare shows two teachers on one task, stepping through their actions together", async ({ page }) => {
  await upload(page, run("careful-model", [["ls", "alpha-listing"], ["cat notes.txt", "alpha-notes"]]));
  await upload(page, run("hasty-model", [["echo hi > notes.txt", "beta-write"], ["rm -rf build", "beta-remove"]]));

  await page.goto("/compare");
  const rows = page.getByRole("row").filter({ hasText: /terminus-2\/(careful|hasty)-model/ });
  await expect(rows).toHaveCount(2);
  await page.getByRole("row").filter({ hasText: "cmp-task" }).getByRole("link", { name: "Compare" }).click();

  const careful = page.getByRole("region", { name: /^Trajectory \d+$/ }).filter({ hasText: "careful-model" });
  const hasty = page.getByRole("region", { name: /^Trajectory \d+$/ }).filter({ hasText: "hasty-model" });
  await expect(careful.getByTestId("replay")).toBeVisible();
  await expect(hasty.getByTestId("replay")).toBeVisible();

  // Action 2 of each: both terminals show their first output, not yet the second's.
  await page.getByRole("button", { name: "Next action (all)" }).click();
  await expect(page.getByText("action 2 of 2")).toBeVisible();
  await expect(careful.getByTestId("replay-terminal").locator(".xterm-rows")).toContainText("alpha-listing");
  await expect(hasty.getByTestId("replay-terminal").locator(".xterm-rows")).toContainText("beta-write");
  await expect(hasty.getByTestId("replay-terminal").locator(".xterm-rows")).not.toContainText("beta-remove");
  // Their metric panels sit side by side: the careful run read before it acted, the hasty one did not.
  await expect(careful.getByRole("region", { name: "EGS" })).toBeVisible();
  await expect(hasty.getByRole("region", { name: "EGS" })).toContainText("none");
  await page.screenshot({ path: "e2e/artifacts/compare.png", fullPage: true });
});
