import { defineConfig, devices } from "@playwright/test";

/*
 * End-to-end tests against the production build served by the real CLI, in Debian's Chromium
 * (never a downloaded browser). The server gets a fresh embedded database for each run.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: "list",
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      // Without these Chromium keeps dialing Google services this network refuses.
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  // One server and database for the whole run: the specs that see the empty studio run first,
  // then the ones that import into it.
  projects: [
    { name: "empty", testMatch: ["home.spec.ts", "cli-serve.spec.ts"], use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 } } },
    { name: "chromium", testIgnore: ["home.spec.ts", "cli-serve.spec.ts"], dependencies: ["empty"], use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 } } },
  ],
  webServer: {
    command: `rm -rf .tmp/e2e-data && node bin/trajstudio.js serve --port ${port} --data .tmp/e2e-data`,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
