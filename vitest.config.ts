import path from "node:path";
import { defineConfig } from "vitest/config";

/*
 * Three projects: unit tests once, and the integration suite (*.int.test.ts) twice — on the
 * embedded PGlite and on a PostgreSQL server (TEST_DATABASE_URL, started by scripts/test.sh).
 */
const alias = { "@": path.resolve(import.meta.dirname) };
const integration = ["server/**/*.int.test.ts", "db/**/*.int.test.ts"];
const postgresUrl = process.env.TEST_DATABASE_URL;

if (!postgresUrl && !process.env.TRAJSTUDIO_VITEST_WARNED) {
  process.env.TRAJSTUDIO_VITEST_WARNED = "1"; // the config is loaded more than once per run
  console.warn("[vitest] TEST_DATABASE_URL is not set: the PostgreSQL integration project is skipped (npm test starts a server and sets it).");
}

export default defineConfig({
  resolve: { alias },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["**/*.test.ts"], exclude: [...integration, "node_modules/**", "e2e/**", ".next/**", ".tmp/**"] },
      },
      { extends: true, test: { name: "pglite", include: integration, env: { TEST_DB: "pglite" } } },
      ...(postgresUrl
        ? [{ extends: true as const, test: { name: "postgres", include: integration, env: { TEST_DB: "postgres" } } }]
        : []),
    ],
  },
});
