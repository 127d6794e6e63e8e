/*
 * The harness page: harness.tsx bundled with esbuild (production React, CSS to a side file),
 * served with the casts from a throwaway HTTP server on a free local port.
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";

const root = path.resolve(import.meta.dirname, "../..");

const HTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>replay bench</title><link rel="stylesheet" href="/harness.css"></head>
<body style="margin:0;background:#fff"><div id="app"></div><script type="module" src="/harness.js"></script></body></html>`;

export type HarnessServer = { url: string; close(): Promise<void> };

/**
 * Bundles the harness and serves it at `/` and each cast at `/cast/<index>`. `readable` leaves
 * the bundle unminified, with esbuild's `// path` comment before each module (profile.ts maps
 * profiled lines to source files by them).
 */
export async function serveHarness(casts: string[], { readable = false } = {}): Promise<HarnessServer & { bundle: string }> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "trajstudio-bench-replay-"));
  try {
    await build({
      entryPoints: { harness: path.join(import.meta.dirname, "harness.tsx") },
      outdir,
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "chrome120",
      // Resolves the `@/` alias and the JSX runtime as the app does.
      tsconfig: path.join(root, "tsconfig.json"),
      define: { "process.env.NODE_ENV": '"production"' },
      // Minified like a production build, but function names kept so a profile is readable.
      minifySyntax: !readable,
      minifyWhitespace: !readable,
      logLevel: "warning",
    });
  } catch (error) {
    fs.rmSync(outdir, { recursive: true, force: true });
    throw error;
  }
  const files: Record<string, { type: string; body: Buffer | string }> = {
    "/": { type: "text/html", body: HTML },
    "/harness.js": { type: "text/javascript", body: fs.readFileSync(path.join(outdir, "harness.js")) },
    "/harness.css": { type: "text/css", body: fs.readFileSync(path.join(outdir, "harness.css")) },
  };
  fs.rmSync(outdir, { recursive: true, force: true });
  casts.forEach((text, i) => (files[`/cast/${i}`] = { type: "text/plain; charset=utf-8", body: Buffer.from(text) }));

  const server = http.createServer((req, res) => {
    const file = files[new URL(req.url ?? "/", "http://x").pathname];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": file.type, "cache-control": "no-store" }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bundle: files["/harness.js"]!.body.toString(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
