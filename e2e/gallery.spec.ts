import { expect, test } from "@playwright/test";

/*
 * A screenshot of every page in light and dark, for people to look at (e2e/artifacts/gallery-*).
 * Runs after compare.spec.ts has imported two trajectories and datasets.spec.ts has frozen and
 * exported a dataset, so the pages have something to show; each page must render its heading
 * without an error page.
 */
const PAGES: [string, string][] = [
  ["overview", "/"],
  ["import", "/import"],
  ["trajectories", "/trajectories"],
  ["compare", "/compare"],
  ["datasets", "/datasets"],
  ["dataset", "/datasets/e2e-grounded"],
  ["tasks", "/tasks"],
  ["rollouts", "/rollouts"],
  ["agents", "/agents"],
];

for (const colorScheme of ["light", "dark"] as const) {
  test(`every page renders in ${colorScheme}`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    for (const [name, url] of PAGES) {
      await page.goto(url);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(page.getByText("Something went wrong")).toHaveCount(0);
      await page.screenshot({ path: `e2e/artifacts/gallery-${name}-${colorScheme}.png`, fullPage: true });
    }
    // A trajectory and a task, reached the way a person would.
    await page.goto("/trajectories");
    await page.getByRole("row").nth(1).getByRole("link").first().click();
    await expect(page.getByTestId("replay")).toBeVisible();
    await page.screenshot({ path: `e2e/artifacts/gallery-trajectory-${colorScheme}.png`, fullPage: true });
    await page.goto("/tasks");
    await page.getByRole("row").nth(1).getByRole("link").first().click();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.screenshot({ path: `e2e/artifacts/gallery-task-${colorScheme}.png`, fullPage: true });
  });
}
