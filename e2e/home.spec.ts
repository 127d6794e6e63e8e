import { expect, test } from "@playwright/test";

/*
 * A new user's first minute: the app opens on an empty studio, says how to import, and every
 * section of the navigation leads to a page. Screenshots go to e2e/artifacts/ for people to look at.
 */

const sections = ["Trajectories", "Compare", "Datasets", "Tasks", "Rollouts", "Agents"] as const;

test("the home page shows the empty state and the navigation, in light and dark", async ({ page }) => {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Import your first trajectories" })).toBeVisible();
    await expect(page.getByText("npx trajstudio import ./path/to/runs")).toBeVisible();

    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: /Overview/ })).toHaveAttribute("aria-current", "page");
    for (const name of sections) await expect(nav.getByRole("link", { name: new RegExp(name) })).toBeVisible();

    // Following the system scheme means the page really is dark or light, not just labelled so.
    const dark = await page.evaluate(() => document.documentElement.classList.contains("dark"));
    expect(dark).toBe(colorScheme === "dark");
    await page.screenshot({ path: `e2e/artifacts/home-${colorScheme}.png`, fullPage: true });
  }
});

test("every section in the navigation opens its page", async ({ page }) => {
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const name of sections) {
    await nav.getByRole("link", { name: new RegExp(name) }).click();
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
    await expect(nav.getByRole("link", { name: new RegExp(name) })).toHaveAttribute("aria-current", "page");
    await page.screenshot({ path: `e2e/artifacts/${name.toLowerCase()}-empty.png` });
  }
});

test("a chosen theme overrides the system and survives a reload", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/");
  await page.getByRole("button", { name: "Dark theme" }).click();
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await expect(page.getByRole("button", { name: "Dark theme" })).toHaveAttribute("aria-pressed", "true");

  await page.getByRole("button", { name: "System theme" }).click();
  await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
});

test("an unknown page says so and offers the way back", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
});
