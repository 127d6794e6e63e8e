import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { atifJson } from "../server/testing/atif-document";

/*
 * The trajectory list: filters and sort live in the URL, so a view is a link. Three hand-built
 * ATIF runs with EGS worked out by hand:
 *   uniq-alpha: cat a.txt; echo x > a.txt; cat a.txt → observed, checked, closed: EGS 1
 *   uniq-gamma: echo x > c.txt; cat c.txt          → TOR 0, VAR 1, closed: EGS 2/3
 *   uniq-beta:  echo x > b.txt                     → nothing grounded: EGS 0
 */
const work = fs.mkdtempSync(path.join(os.tmpdir(), "trajstudio-e2e-list-"));

function atif(task: string, commands: string[], outputs: string[] = []) {
  const file = path.join(work, `${task}.trajectory.json`);
  fs.writeFileSync(file, atifJson({ session: task, model: "list-model", commands: commands.map((keystrokes, i) => ({ keystrokes, ...(outputs[i] ? { output: outputs[i] } : {}) })) }));
  return file;
}

test("filters and sort live in the URL: a view is a link", async ({ page }) => {
  const files = [
    atif("uniq-alpha", ["cat a.txt", "echo x > a.txt", "cat a.txt"]),
    atif("uniq-beta", ["echo x > b.txt"]),
    atif("uniq-gamma", ["echo x > c.txt", "cat c.txt"]),
  ];
  await page.goto("/import");
  await page.getByTestId("import-files-input").setInputFiles(files);
  await page.getByRole("button", { name: "Import 3 files" }).click();
  await expect(page.getByRole("region", { name: "Import report" }).getByRole("list", { name: "Summary" })).toContainText(/3\s*trajectories/, { timeout: 30_000 });

  const taskCells = page.getByRole("row").locator("td:first-child");
  await page.goto("/trajectories?task=uniq-&sort=egs&dir=asc");
  await expect(taskCells).toHaveText(["uniq-beta", "uniq-gamma", "uniq-alpha"]);
  await expect(page.getByRole("row").filter({ hasText: "uniq-gamma" })).toContainText("66.7%");

  // The EGS header flips the order, and the URL says so.
  await page.getByRole("link", { name: /^EGS/ }).click();
  await expect(page).toHaveURL(/sort=egs/);
  await expect(page).not.toHaveURL(/dir=asc/);
  await expect(taskCells).toHaveText(["uniq-alpha", "uniq-gamma", "uniq-beta"]);

  // A range filter typed in percent: EGS ≥ 50 % leaves two; the link reproduces the view.
  await page.getByRole("textbox", { name: "EGS min (%)" }).fill("50");
  await page.getByRole("textbox", { name: "EGS min (%)" }).press("Enter");
  await expect(page).toHaveURL(/egs=0\.5-/);
  await expect(taskCells).toHaveText(["uniq-alpha", "uniq-gamma"]);
  await page.screenshot({ path: "e2e/artifacts/trajectories-filtered.png", fullPage: true });
  await page.goto(page.url());
  await expect(taskCells).toHaveText(["uniq-alpha", "uniq-gamma"]);
  await expect(page.getByRole("textbox", { name: "EGS min (%)" })).toHaveValue("50");
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: "e2e/artifacts/trajectories-filtered-dark.png", fullPage: true });
});

test("search in commands and outputs, step conditions and saved views", async ({ page }) => {
  const files = [
    // Ends with an act: the loop stays open.
    atif("srch-ru", ["cat app.log", "pip install requests"], ["Ошибка: нет доступа к сети", "Successfully installed requests"]),
    // Checked after the change: a closed loop.
    atif("srch-ja", ["cat settings.ini", "touch settings.ini", "ls -l settings.ini"], ["設定ファイルが見つかりません", "", "-rw-r--r-- 1 root root 0 settings.ini"]),
  ];
  await page.goto("/import");
  await page.getByTestId("import-files-input").setInputFiles(files);
  await page.getByRole("button", { name: "Import 2 files" }).click();
  await expect(page.getByRole("region", { name: "Import report" }).getByRole("list", { name: "Summary" })).toContainText(/2\s*trajectories/, { timeout: 30_000 });

  const taskCells = page.getByRole("row").locator("td:first-child");
  // Full-text search from the URL, in Russian, any case.
  await page.goto("/trajectories?task=srch-&q=ОШИБКА");
  await expect(taskCells).toHaveText(["srch-ru"]);
  // Typed in the box: Japanese text inside a longer sentence.
  const search = page.getByRole("searchbox", { name: "Search commands and outputs" });
  await search.fill("見つかり");
  await search.press("Enter");
  await expect(page).toHaveURL(/q=%E8%A6%8B/);
  await expect(taskCells).toHaveText(["srch-ja"]);

  // Step conditions: a command containing a text, and whether the last act was verified.
  await page.goto("/trajectories?task=srch-&cmd=pip+install");
  await expect(taskCells).toHaveText(["srch-ru"]);
  await page.goto("/trajectories?task=srch-");
  await page.getByRole("combobox", { name: "After the last act" }).selectOption("closed");
  await expect(page).toHaveURL(/loop=closed/);
  await expect(taskCells).toHaveText(["srch-ja"]);
  await page.getByRole("combobox", { name: "After the last act" }).selectOption("open");
  await expect(taskCells).toHaveText(["srch-ru"]);

  // Save the view under a name, leave, and open it again from the list of views.
  await page.getByRole("button", { name: "Save view…" }).click();
  await page.getByRole("textbox", { name: "View name" }).fill("Open loops (search spec)");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  const views = page.getByRole("combobox", { name: "Saved views" });
  await expect(views.locator("option:checked")).toHaveText("Open loops (search spec)");
  await page.screenshot({ path: "e2e/artifacts/trajectories-search.png", fullPage: true });
  await page.goto("/trajectories");
  await expect(views.locator("option:checked")).not.toHaveText("Open loops (search spec)");
  await views.selectOption({ label: "Open loops (search spec)" });
  await expect(page).toHaveURL(/task=srch-.*loop=open|loop=open.*task=srch-/);
  await expect(taskCells).toHaveText(["srch-ru"]);
  await expect(page.getByRole("combobox", { name: "After the last act" })).toHaveValue("open");
});
