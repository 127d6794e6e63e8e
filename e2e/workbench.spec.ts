import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Page, expect, test } from "@playwright/test";
import { atifJson } from "../server/testing/atif-document";

/*
 * The trajectory workbench: the replay plays and seeks (asserted on the terminal's text), labels
 * given by keyboard survive a reload, and hostile trajectory content stays inert — terminal
 * escapes cannot write the clipboard, open links or answer queries; text never becomes HTML.
 * Every input here is built by the test.
 */
const work = fs.mkdtempSync(path.join(os.tmpdir(), "trajstudio-e2e-workbench-"));
const ESC = "\u001b";
const BEL = "\u0007";

function write(name: string, content: string) {
  const file = path.join(work, name);
  fs.writeFileSync(file, content);
  return file;
}

/** Uploads the files on the Import page and opens the trajectory the first row became. */
async function importAndOpen(page: Page, files: string[]) {
  await page.goto("/import");
  await page.getByTestId("import-files-input").setInputFiles(files);
  await page.getByRole("button", { name: /^Import \d+ files?$/ }).click();
  const report = page.getByRole("region", { name: "Import report" });
  await expect(report.getByRole("heading", { name: "Import report" })).toBeVisible({ timeout: 30_000 });
  await report.getByRole("link", { name: /^#\d+$/ }).first().click();
  await expect(page.getByTestId("replay")).toBeVisible({ timeout: 30_000 });
}

const terminalText = (page: Page) => page.getByTestId("replay-terminal").locator(".xterm-rows");

test("the replay plays and seeks, and keyboard labels survive a reload", async ({ page }) => {
  const cast = [
    JSON.stringify({ version: 2, width: 80, height: 20 }),
    JSON.stringify([0.1, "o", "$ "]),
    JSON.stringify([0.3, "i", "cat notes.txt\r"]),
    JSON.stringify([0.4, "o", "cat notes.txt\r\nfirst-output\r\n$ "]),
    JSON.stringify([1.5, "i", "echo done > notes.txt\r"]),
    JSON.stringify([1.6, "o", "echo done > notes.txt\r\nsecond-output\r\n$ "]),
  ].join("\n");
  await importAndOpen(page, [write("session.cast", `${cast}\n`)]);

  // Play to the end: both outputs are on the terminal.
  await page.getByRole("button", { name: "Play" }).click();
  await expect(terminalText(page)).toContainText("second-output", { timeout: 10_000 });
  await expect(terminalText(page)).toContainText("first-output");

  // Choosing the first step seeks back to its start: the later output is gone from the screen.
  await page.getByRole("article", { name: /^Step \d+$/ }).first().click();
  await expect(terminalText(page)).not.toContainText("second-output");

  // Keyboard labeling: the clicked step is selected; j and k move; 2 labels it act, and it is
  // still act after a reload. Keys go to the page: focus something outside the replay first.
  const [first, second] = [page.getByRole("article", { name: /^Step \d+$/ }).first(), page.getByRole("article", { name: /^Step \d+$/ }).nth(1)];
  await expect(first).toHaveAttribute("aria-current", "step");
  await page.getByRole("heading", { level: 1 }).click();
  await page.keyboard.press("j");
  await expect(second).toHaveAttribute("aria-current", "step");
  await page.keyboard.press("k");
  await expect(first).toHaveAttribute("aria-current", "step");
  await expect(first).toHaveAttribute("data-tag", "inspect");
  await page.keyboard.press("2");
  await expect(first).toHaveAttribute("data-tag", "act");
  await page.screenshot({ path: "e2e/artifacts/trajectory-workbench.png", fullPage: true });
  await page.reload();
  await expect(page.getByRole("article", { name: /^Step \d+$/ }).first()).toHaveAttribute("data-tag", "act");
  await expect(page.getByRole("article", { name: /^Step \d+$/ }).first().getByRole("list", { name: "Labels" })).toContainText("act");

  await expect(page.getByRole("article", { name: /^Step \d+$/ }).first()).toContainText("auto inspect");

  // ? shows every key.
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toContainText("label the step verify");
  await page.keyboard.press("Escape");
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: "e2e/artifacts/trajectory-workbench-dark.png", fullPage: true });
});

test("hostile escapes in a recording do nothing: no clipboard write, no link opened, no answer sent", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const requests: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  let popups = 0;
  page.on("popup", () => popups++);
  const osc52 = `${ESC}]52;c;${Buffer.from("pwned-clipboard").toString("base64")}${BEL}`;
  const osc8 = `${ESC}]8;;https://evil.example/steal${BEL}click-me${ESC}]8;;${BEL}`;
  const queries = `${ESC}[c${ESC}[6n${ESC}]11;?${BEL}`;
  const cast = [
    JSON.stringify({ version: 2, width: 80, height: 10 }),
    JSON.stringify([0.1, "o", `$ ${osc52}${osc8} ${queries}visible-text\r\n`]),
  ].join("\n");
  await importAndOpen(page, [write("hostile.cast", `${cast}\n`)]);
  await page.evaluate(() => navigator.clipboard.writeText("before"));

  await page.getByRole("button", { name: "Play" }).click();
  await expect(terminalText(page)).toContainText("visible-text", { timeout: 10_000 });
  // Hovering the link opens nothing; clicking it asks first (and we decline).
  page.on("dialog", (d) => d.dismiss());
  // (The terminal's screen layer takes the pointer, as it does for a person.)
  await terminalText(page).getByText("click-me").hover({ force: true });
  await terminalText(page).getByText("click-me").click({ force: true });

  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("before");
  expect(popups).toBe(0);
  expect(requests.filter((u) => !u.startsWith(new URL(page.url()).origin))).toEqual([]);
});

test("trajectory text is shown as text, never as HTML", async ({ page }) => {
  const doc = atifJson({
    session: "html-injection",
    model: "injector",
    task: "Task Description:\nSay hi.",
    commands: [
      {
        message: `<img src=x onerror="window.__pwned = 'thought'">`,
        keystrokes: `echo '<b id="inj">bold</b>'`,
        output: `<script>window.__pwned = 'output'</script><img src=x onerror="window.__pwned='img'">`,
      },
    ],
  });
  await importAndOpen(page, [write("injection.trajectory.json", doc)]);
  const step = page.getByRole("article", { name: /^Step \d+$/ }).filter({ hasText: "echo" });
  await expect(step).toContainText(`echo '<b id="inj">bold</b>'`);
  await expect(step).toContainText("<script>window.__pwned = 'output'</script>");
  await expect(page.locator("#inj")).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __pwned?: string }).__pwned)).toBeUndefined();
});

test("a 2,000-step trajectory keeps only the steps in view in the page, and the keyboard walks it", async ({ page }) => {
  // Read, write, check, over and over: 2,000 actions.
  const commands = Array.from({ length: 2000 }, (_, i) => ({
    keystrokes: i % 3 === 0 ? `cat part-${i}.txt` : i % 3 === 1 ? `echo ${i} > part-${i}.txt` : `test -s part-${i - 1}.txt`,
    output: `output of step ${i}\n`.repeat(3),
  }));
  const file = write("long.trajectory.json", atifJson({ session: "long-2000", agent: "long-teacher", model: "m", commands }));
  await importAndOpen(page, [file]);

  const articles = page.getByRole("article", { name: /^Step \d+$/ });
  await expect(articles.first()).toBeVisible();
  // Virtualized: a screenful of steps (plus a few either side), not 2,000.
  expect(await articles.count()).toBeLessThan(60);

  // Walk 120 actions down with j (far past the first screenful): the step is selected, scrolled
  // into view, and labeled by a key.
  test.setTimeout(120_000);
  await page.getByRole("heading", { level: 1 }).click();
  for (let i = 0; i < 120; i++) await page.keyboard.press("j");
  // The first j selects the first action (step 1); 119 more reach step 120.
  const target = page.getByRole("article", { name: "Step 120" });
  await expect(target).toHaveAttribute("aria-current", "step");
  await expect(target).toBeInViewport();
  await page.keyboard.press("3");
  await expect(target).toHaveAttribute("data-tag", "verify");
  expect(await articles.count()).toBeLessThan(60);
});
