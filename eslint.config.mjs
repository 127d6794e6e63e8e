import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
// Includes typescript-eslint's `recommended` configs (plus Next's tweaks), so they are not repeated here.
import nextTs from "eslint-config-next/typescript";
import trajstudio from "./eslint/plugin.mjs";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    files: ["**/*.{ts,tsx,js,jsx,mjs,cjs,mts,cts}"],
    plugins: { trajstudio },
    rules: {
      "trajstudio/no-server-import-in-client": ["error", { rootDir: import.meta.dirname }],
      // `import { type X }` still loads the module under verbatimModuleSyntax; `import type` does not.
      "@typescript-eslint/no-import-type-side-effects": "error",
      // Omitting a property by destructuring (`const { steps, ...rest } = t`) is intended.
      "@typescript-eslint/no-unused-vars": ["warn", { ignoreRestSiblings: true, argsIgnorePattern: "^_" }],
    },
  },
  globalIgnores([
    ".next/**",
    "out/**",
    "build/**",
    "node_modules/**",
    "db/migrations/**",
    "e2e/artifacts/**",
    "test-results/**",
    ".tmp/**",
    "next-env.d.ts",
  ]),
]);
