#!/usr/bin/env node
// The `trajstudio` command. The CLI is TypeScript run through tsx, so the services it shares
// with the web app need no separate build; paths resolve from this package, not the cwd.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.env.TRAJSTUDIO_ROOT ??= root;
register({ tsconfig: path.join(root, "tsconfig.json") });
const { main } = await import("../server/cli/main.ts");
process.exitCode = await main(process.argv);
