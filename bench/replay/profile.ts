/*
 * Where the replay's time goes: the benchmark's harness page, profiled with the Chrome DevTools
 * Protocol's sampling profiler while a player shows its first frame, and again over its seeks.
 * Prints self and total time per function, each with the source module it is bundled from.
 *
 *   npx tsx bench/replay/profile.ts [tb1 | MB of generated cast, default 50] [ours | asciinema] [fetched]
 *
 * `fetched`: the first frame from the cast's URL, as the benchmark's "fetched" figure.
 */
import fs from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { castTimes, largestCast } from "./casts";
import { generateCast } from "./generate-cast";
import type { PlayerKind } from "./harness";
import { serveHarness } from "./page";

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

const [which = "50", kind = "ours", fetched] = process.argv.slice(2) as [string?, PlayerKind?, string?];
function tb1Cast(): string {
  const dir = path.resolve(import.meta.dirname, "../../../shared/samples/tb1-runs");
  const file = fs.existsSync(dir) ? largestCast(dir) : null;
  if (!file) throw new Error(`no cast under ${dir}`);
  return fs.readFileSync(file, "utf8");
}
const text = which === "tb1" ? tb1Cast() : generateCast(Number(which) * 1e6);
const times = castTimes(text);

/** Bundle line → the module it came from (esbuild's `// path` comments). */
function moduleOf(bundle: string): (line: number) => string {
  const starts: { line: number; module: string }[] = [];
  bundle.split("\n").forEach((l, i) => {
    const m = /^\/\/ ((?:node_modules|components|bench)\/\S+)$/.exec(l);
    if (m) starts.push({ line: i, module: m[1]!.replace(/^node_modules\//, "") });
  });
  return (line) => starts.findLast((s) => s.line <= line)?.module ?? "?";
}

function summarize(profile: Profile, module: (line: number) => string, top = 22): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n: ProfileNode) => `${n.callFrame.functionName || "(anonymous)"}  [${n.callFrame.url ? module(n.callFrame.lineNumber) : "native"}]`;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const node = byId.get(id)!;
    if (node.callFrame.functionName === "(idle)") return;
    busy += ms;
    self.set(label(node), (self.get(label(node)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let n: ProfileNode | undefined = node; n; n = byId.get(parent.get(n.id) ?? -1)) {
      const l = label(n);
      if (!seen.has(l)) total.set(l, (total.get(l) ?? 0) + ms);
      seen.add(l);
    }
  });
  const rows = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([l, ms]) => `  ${ms.toFixed(1).padStart(8)} ms  ${l}`)
      .join("\n");
  return `busy ${busy.toFixed(0)} ms\nself time:\n${rows(self)}\ntotal time (with callees), our code and the libraries':\n${rows(new Map([...total].filter(([l]) => !l.startsWith("(root)") && !l.startsWith("(program)"))))}`;
}

const server = await serveHarness([text], { readable: true });
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] });
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page.on("pageerror", (e) => console.error(`page error: ${e.message}`));
  await page.goto(server.url);
  await page.waitForFunction(() => window.replayBench !== undefined);
  await page.evaluate((u) => window.replayBench!.load(u), `${server.url}/cast/0`);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  const moduleAt = moduleOf(server.bundle);

  await cdp.send("Profiler.start");
  const firstFrame = await page.evaluate(([k, t, f]) => window.replayBench!.mount(k, t, f), [kind, times.firstFrame, fetched === "fetched"] as const);
  await page.evaluate(() => window.replayBench!.settle());
  const mounted = (await cdp.send("Profiler.stop")).profile as Profile;
  console.log(`## ${kind}, ${(text.length / 1e6).toFixed(1)} M chars: first frame ${firstFrame.toFixed(0)} ms (the profile runs to idle)\n${summarize(mounted, moduleAt)}`);

  // The first seek on its own (code still cold, first big write), then the rest together. Each
  // runs to idle, so a profile holds the seeks' work and little else.
  for (const part of [times.seeks.slice(0, 1), times.seeks.slice(1)]) {
    await cdp.send("Profiler.start");
    for (const t of part) {
      await page.evaluate((s) => window.replayBench!.seek(s, null), t);
      await page.evaluate(() => window.replayBench!.settle());
    }
    const seeked = (await cdp.send("Profiler.stop")).profile as Profile;
    console.log(`\n## ${kind}: ${part.length} seek(s) to ${part.map((t) => t.toFixed(1)).join(", ")} s\n${summarize(seeked, moduleAt)}`);
  }
} finally {
  await browser.close();
  await server.close();
}
