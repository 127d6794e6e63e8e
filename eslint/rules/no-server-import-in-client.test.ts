import path from "node:path";
import { RuleTester } from "eslint";
import tseslint from "typescript-eslint";
import { describe, it } from "vitest";
import rule from "./no-server-import-in-client.mjs";

// Vitest runs without `globals: true`, so hand RuleTester the test-framework hooks explicitly.
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const root = process.cwd();
const at = (rel: string) => path.join(root, rel);
const options = [{ rootDir: root }];

const ruleTester = new RuleTester({
  languageOptions: {
    parser: tseslint.parser,
    parserOptions: { ecmaFeatures: { jsx: true } },
  },
});

ruleTester.run("no-server-import-in-client", rule, {
  valid: [
    {
      name: "server component (app/, no directive) imports server code",
      filename: at("app/runs/page.tsx"),
      code: `import { db } from "@/server/db";\nimport postgres from "postgres";\nexport default async function Page() { return <pre>{String(await db.count())}</pre>; }`,
      options,
    },
    {
      name: "server module imports db via relative path",
      filename: at("server/services/runs.ts"),
      code: `import { runs } from "../../db/schema";\nexport * from "../../db/schema";`,
      options,
    },
    {
      name: "client component imports only types (import type / export type)",
      filename: at("app/runs/view.tsx"),
      code: `"use client";\nimport type { Run } from "@/server/services/runs";\nimport type { AppRouter } from "../../server/trpc/router";\nexport type { RunRow } from "@/db/schema";\nexport type * from "@/db/schema";\nexport function View(props: { run: Run }) { return null; }`,
      options,
    },
    {
      name: "client component: inline `type` specifiers, all of them type-only",
      filename: at("app/runs/list.tsx"),
      code: `"use client";\nimport { type Run, type RunStatus } from "@/server/services/runs";\nexport { type RunRow } from "@/db/schema";`,
      options,
    },
    {
      name: "client component imports another component and client-safe packages",
      filename: at("components/run-list.tsx"),
      code: `"use client";\nimport { RunCard } from "@/components/run-card";\nimport { Badge } from "./badge";\nimport { z } from "zod";\nimport { useQuery } from "@tanstack/react-query";`,
      options,
    },
    {
      name: "lookalike names are not server code",
      filename: at("components/x.tsx"),
      code: `import a from "@/serverless/x";\nimport b from "@/components/server/x";\nimport c from "./db";\nimport d from "postgres-array";\nimport e from "drizzle-orm-helpers";`,
      options,
    },
    {
      name: "a directive that is not first in the file does not make it a client module",
      filename: at("app/page.tsx"),
      code: `import { db } from "@/server/db";\n"use client";`,
      options,
    },
    {
      name: "non-static dynamic import cannot be checked",
      filename: at("components/x.tsx"),
      code: `const name = "@/server/db";\nawait import(name);`,
      options,
    },
  ],
  invalid: [
    {
      name: "client value import via @/server alias — full message",
      filename: at("app/runs/client.tsx"),
      code: `"use client";\nimport { db } from "@/server/db";`,
      options,
      errors: [
        {
          message:
            "Client module imports server code '@/server/db' (resolves into server/, which is Node-only) — import only types from server/ and db/ in client components (use `import type`). This file is a client module because it starts with 'use client'.",
          line: 2,
        },
      ],
    },
    {
      name: "client value import via @/db alias",
      filename: at("app/x.tsx"),
      code: `'use client';\nimport * as schema from "@/db/schema";`,
      options,
      errors: [{ messageId: "serverModule", data: { source: "@/db/schema", dir: "db", clientReason: "it starts with 'use client'" } }],
    },
    {
      name: "relative path ../server/x from components/a.tsx",
      filename: at("components/a.tsx"),
      code: `"use client";\nimport { x } from "../server/x";`,
      options,
      errors: [{ messageId: "serverModule", data: { source: "../server/x", dir: "server", clientReason: "it starts with 'use client'" } }],
    },
    {
      name: "relative path that climbs into db/ from a nested components folder",
      filename: at("components/runs/table.tsx"),
      code: `import { runs } from "../../db/schema";`,
      options,
      errors: [{ messageId: "serverModule" }],
    },
    {
      name: "export * from server code",
      filename: at("components/index.ts"),
      code: `export * from "@/server/services/runs";`,
      options,
      errors: [{ messageId: "serverModule" }],
    },
    {
      name: "export { x } from server code",
      filename: at("components/index.ts"),
      code: `export { listRuns } from "@/server/services/runs";`,
      options,
      errors: [{ messageId: "serverModule" }],
    },
    {
      name: "dynamic import() and require()",
      filename: at("app/x.tsx"),
      code: `"use client";\nconst m = await import("@/server/db");\nconst n = await import(\`@/db/client\`);\nconst p = require("postgres");`,
      options,
      errors: [{ messageId: "serverModule", line: 2 }, { messageId: "serverModule", line: 3 }, { messageId: "nodeOnlyPackage", line: 4 }],
    },
    {
      name: "Node-only packages and node: builtins — full message",
      filename: at("components/db-status.tsx"),
      code: `import postgres from "postgres";\nimport { PGlite } from "@electric-sql/pglite";\nimport { eq } from "drizzle-orm";\nimport { pgTable } from "drizzle-orm/pg-core";\nimport fs from "node:fs";`,
      options,
      errors: [
        {
          message:
            "Client module imports Node-only package 'postgres', which cannot run in the browser — import only types from server/ and db/ in client components (use `import type`). This file is a client module because files under components/ are client-side by convention.",
        },
        { messageId: "nodeOnlyPackage", data: { source: "@electric-sql/pglite", dir: "", clientReason: "files under components/ are client-side by convention" } },
        { messageId: "nodeOnlyPackage" },
        { messageId: "nodeOnlyPackage" },
        { messageId: "nodeOnlyPackage" },
      ],
    },
    {
      name: "mixed import with one value specifier",
      filename: at("app/x.tsx"),
      code: `"use client";\nimport { type Run, listRuns } from "@/server/services/runs";`,
      options,
      errors: [{ messageId: "serverModule" }],
    },
    {
      name: "mixed default + type specifier",
      filename: at("app/x.tsx"),
      code: `"use client";\nimport db, { type Db } from "@/server/db";`,
      options,
      errors: [{ messageId: "serverModule" }],
    },
    {
      name: "file under components/ without the directive",
      filename: at("components/helpers/format.ts"),
      code: `import { getRun } from "@/server/services/runs";\nexport const fmt = (id: string) => getRun(id);`,
      options,
      errors: [{ messageId: "serverModule", data: { source: "@/server/services/runs", dir: "server", clientReason: "files under components/ are client-side by convention" } }],
    },
    {
      name: "side-effect import is a value import",
      filename: at("app/x.tsx"),
      code: `"use client";\nimport "@/db/client";`,
      options,
      errors: [{ messageId: "serverModule" }],
    },
    {
      name: "alias that normalizes into server/",
      filename: at("app/x.tsx"),
      code: `"use client";\nimport { x } from "@/components/../server/x";`,
      options,
      errors: [{ messageId: "serverModule" }],
    },
    {
      name: "TypeScript import-equals require",
      filename: at("components/x.ts"),
      code: `import db = require("@/server/db");`,
      options,
      errors: [{ messageId: "serverModule" }],
    },
    {
      name: "directive makes a file outside components/ a client module; rootDir defaults to cwd",
      filename: at("lib/use-runs.ts"),
      code: `"use client";\nexport { listRuns as default } from "../server/services/runs";`,
      errors: [{ messageId: "serverModule" }],
    },
  ],
});
