/*
 * Terminal replay in a real browser (Debian's Chromium): time to the first frame and time to
 * seek, for our TerminalReplay and for asciinema-player 3.17 (the baseline: the reference player
 * whose design ours follows), on the same casts in the same browser run. Casts: the largest one
 * of the shared Terminal-Bench 1 samples, and a generated one of BENCH_REPLAY_MB (default 50) MB.
 *
 * First frame: from handing the cast text (already in the page) to the player until the screen at
 * the first visible output shows; asciinema-player gets it as `data` with a poster at that time.
 * Again with the cast fetched from a local URL inside the timing (asciinema-player's usual `url`
 * source; it turns `data` text back into a Response, which costs it more than the fetch).
 * Seek: from the seek call (ours: the `seek` prop, as a click sets it) until the screen shows the
 * frame at the target, which each player's own settled frame there (taken first, in a warm-up
 * page) defines. Each run opens a fresh page per player, in alternating order.
 * Targets (issue): first frame ≤ 1 s (Terminal-Bench 1) and ≤ 2 s (50 MB); any seek ≤ 100 ms.
 */
import fs from "node:fs";
import path from "node:path";
import { type Browser, type Page, chromium } from "@playwright/test";
import type { Benchmark, BenchEnv, Figure } from "./lib/harness";
import { percentile } from "./lib/harness";
import { type CastTimes, castTimes, largestCast } from "./replay/casts";
import { generateCast } from "./replay/generate-cast";
import type { PlayerKind } from "./replay/harness";
import { serveHarness } from "./replay/page";

const SAMPLES = path.resolve(import.meta.dirname, "../../shared/samples/tb1-runs");
const GENERATED_MB = Number(process.env.BENCH_REPLAY_MB ?? 50);
const SEEK_TARGET_MS = 100;
const KINDS: PlayerKind[] = ["ours", "asciinema"];

type Subject = { label: string; text: string; times: CastTimes; firstFrameTargetMs: number };

/** A fresh page with the harness and the cast loaded; `fetchMs`: its fetch + `Response.text()` alone. */
async function openPage(browser: Browser, url: string, cast: number, log: BenchEnv["log"]): Promise<{ page: Page; fetchMs: number }> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page.on("pageerror", (error) => log(`page error: ${error.message}`));
  await page.goto(url);
  await page.waitForFunction(() => window.replayBench !== undefined);
  const { ms } = await page.evaluate((u) => window.replayBench!.load(u), `${url}/cast/${cast}`);
  return { page, fetchMs: ms };
}

const mount = (page: Page, kind: PlayerKind, time: number, fetched = false) => page.evaluate(([k, t, f]) => window.replayBench!.mount(k, t, f), [kind, time, fetched] as const);
const seek = (page: Page, time: number, expected: string | null) => page.evaluate(([t, e]) => window.replayBench!.seek(t, e), [time, expected] as const);
const settle = (page: Page) => page.evaluate(() => window.replayBench!.settle());

/** Each player's settled screen at every seek target (a warm-up page per player, not timed). */
async function expectedScreens(browser: Browser, url: string, cast: number, times: CastTimes, log: BenchEnv["log"]): Promise<Record<PlayerKind, string[]>> {
  const screens = { ours: [] as string[], asciinema: [] as string[] };
  for (const kind of KINDS) {
    const { page } = await openPage(browser, url, cast, log);
    try {
      await mount(page, kind, times.firstFrame);
      await settle(page);
      for (const t of times.seeks) {
        await seek(page, t, null);
        screens[kind].push(await settle(page));
      }
    } finally {
      await page.close();
    }
  }
  // The two players should agree on what the screen holds; say where they do not.
  times.seeks.forEach((t, j) => {
    const a = screens.ours[j]!.split("\n");
    const b = screens.asciinema[j]!.split("\n");
    const row = a.findIndex((line, y) => line !== b[y]);
    if (row >= 0 || a.length !== b.length) log(`screens differ at ${t.toFixed(2)} s, row ${row < 0 ? a.length : row}: ours ${JSON.stringify(a[row] ?? "")} vs asciinema ${JSON.stringify(b[row] ?? "")}`);
  });
  return screens;
}

/** `seeks`: one per target, in order; NaN where the screen did not change (not timed). */
type Run = { firstFrame: number; firstFrameFetched: number; fetchMs: number; seeks: number[] };
const timed = (seeks: number[]) => seeks.filter((ms) => !Number.isNaN(ms));

async function measureRun(browser: Browser, url: string, cast: number, kind: PlayerKind, times: CastTimes, expected: string[], log: BenchEnv["log"]): Promise<Run> {
  const { page, fetchMs } = await openPage(browser, url, cast, log);
  try {
    const firstFrame = await mount(page, kind, times.firstFrame);
    await settle(page);
    const seeks: number[] = [];
    for (const [j, t] of times.seeks.entries()) {
      const ms = await seek(page, t, expected[j]!);
      if (Number.isNaN(ms)) log(`${kind}: the screen at ${t.toFixed(2)} s is the one before it; that seek is not timed`);
      seeks.push(ms);
      await settle(page);
    }
    await page.close();
    // Again on a fresh page, from the cast's URL: asciinema-player's usual source, and what the
    // app does too (it fetches the cast, then renders).
    const fetched = await openPage(browser, url, cast, log);
    const firstFrameFetched = await mount(fetched.page, kind, times.firstFrame, true).finally(() => fetched.page.close());
    return { firstFrame, firstFrameFetched, fetchMs, seeks };
  } finally {
    if (!page.isClosed()) await page.close();
  }
}

async function measure(browser: Browser, url: string, cast: number, subject: Subject, runs: number, log: BenchEnv["log"]): Promise<Figure[]> {
  const { label, times } = subject;
  log(`${label}: ${(subject.text.length / 1e6).toFixed(1)} M chars, ${times.duration.toFixed(0)} s, first frame at ${times.firstFrame.toFixed(3)} s, ${times.seeks.length} seeks`);
  const expected = await expectedScreens(browser, url, cast, times, log);
  const results: Record<PlayerKind, Run[]> = { ours: [], asciinema: [] };
  for (let r = 0; r < runs; r++) {
    // Alternating order, so drift in machine load hits both players alike.
    for (const kind of r % 2 ? [...KINDS].reverse() : KINDS) results[kind].push(await measureRun(browser, url, cast, kind, times, expected[kind], log));
    const [o, a] = [results.ours[r]!, results.asciinema[r]!];
    const list = (seeks: number[]) => seeks.map((ms) => (Number.isNaN(ms) ? "–" : ms.toFixed(0))).join(" ");
    log(`run ${r + 1}/${runs}: first frame ours ${o.firstFrame.toFixed(0)} ms (fetched ${o.firstFrameFetched.toFixed(0)}), asciinema ${a.firstFrame.toFixed(0)} ms (fetched ${a.firstFrameFetched.toFixed(0)}), fetch + text() alone ${o.fetchMs.toFixed(0)} ms; seeks (ms, in order) ours ${list(o.seeks)}, asciinema ${list(a.seeks)}`);
  }
  const all = (kind: PlayerKind) => timed(results[kind].flatMap((r) => r.seeks));
  for (const kind of KINDS) log(`${label}, ${kind}: all ${all(kind).length} seeks p50 ${percentile(all(kind), 50).toFixed(1)} ms, p95 ${percentile(all(kind), 95).toFixed(1)} ms, max ${Math.max(...all(kind)).toFixed(1)} ms`);
  /** A figure of ours, with asciinema-player's same samples as the baseline. */
  const figure = (name: string, samples: (kind: PlayerKind) => number[], target: string): Figure => ({
    name: `${name}, ${label}`,
    unit: "ms",
    samples: samples("ours"),
    baseline: { name: "asciinema-player", samples: samples("asciinema") },
    target,
  });
  const perRun = (pick: (r: Run) => number) => (kind: PlayerKind) => results[kind].map(pick);
  const seekTarget = `≤ ${SEEK_TARGET_MS} ms`;
  return [
    figure("first frame, text in page", perRun((r) => r.firstFrame), `≤ ${subject.firstFrameTargetMs} ms`),
    figure("first frame, fetched", perRun((r) => r.firstFrameFetched), `≤ ${subject.firstFrameTargetMs} ms`),
    // Every seek of every run: the median is the p50, the spread shows the slowest.
    figure("seek, all", all, seekTarget),
    figure("seek p95, all", (kind) => [percentile(all(kind), 95)], seekTarget),
    // The first seek of a page is a far jump with the player's code still cold.
    figure("seek, first of a run", perRun((r) => r.seeks[0]!), seekTarget),
  ];
}

const benchmark: Benchmark = {
  name: "replay",
  description: `terminal replay in Chromium, ours vs asciinema-player: first frame and seek, on the largest Terminal-Bench 1 sample cast and a generated ${GENERATED_MB} MB cast`,
  async run({ runs, log }) {
    const subjects: Subject[] = [];
    const tb1 = fs.existsSync(SAMPLES) ? largestCast(SAMPLES) : null;
    if (tb1) {
      const text = fs.readFileSync(tb1, "utf8");
      subjects.push({ label: "largest TB1 cast", text, times: castTimes(text), firstFrameTargetMs: 1000 });
      log(`largest TB1 cast: ${path.relative(SAMPLES, tb1)}`);
    } else {
      log(`${SAMPLES} has no casts: the figures on the largest Terminal-Bench 1 cast are skipped`);
    }
    const generated = generateCast(GENERATED_MB * 1e6);
    subjects.push({ label: `generated ${GENERATED_MB} MB cast`, text: generated, times: castTimes(generated), firstFrameTargetMs: 2000 });

    const server = await serveHarness(subjects.map((s) => s.text));
    let browser: Browser | undefined;
    try {
      browser = await chromium.launch({
        executablePath: "/usr/bin/chromium",
        // As in playwright.config.ts: without these Chromium keeps dialing Google services.
        args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
      });
      const figures: Figure[] = [];
      for (const [i, subject] of subjects.entries()) figures.push(...(await measure(browser, server.url, i, subject, runs, log)));
      return figures;
    } finally {
      await browser?.close();
      await server.close();
    }
  },
};

export default benchmark;
