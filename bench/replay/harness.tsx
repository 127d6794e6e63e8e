/*
 * The page the replay benchmark drives (bundled by page.ts): our TerminalReplay or
 * asciinema-player on one cast, behind `window.replayBench`, which times in the page itself.
 *
 * "Shown" means the screen text in the DOM: both players render their screen as DOM text (xterm.js
 * 6's DOM renderer rows; asciinema-player's `.ap-term-text` lines, drawn on animation frames
 * like xterm.js). A MutationObserver reads it after every DOM change, so a frame counts from the
 * moment its text is in the document, before it is painted, for both players alike.
 */
import "asciinema-player/dist/bundle/asciinema-player.css";
import { Terminal } from "@xterm/xterm";
import * as AsciinemaPlayer from "asciinema-player";
import { flushSync } from "react-dom";
import { createRoot, type Root } from "react-dom/client";
import { TerminalReplay } from "@/components/replay/terminal-replay";

export type PlayerKind = "ours" | "asciinema";

export type ReplayBenchApi = {
  /** Fetches the cast into the page; `ms`: the fetch and `Response.text()` alone. */
  load(url: string): Promise<{ chars: number; ms: number }>;
  /**
   * Mounts a player positioned at `time`; ms until that frame shows (something visible). From the
   * cast text loaded into the page, or, with `fetched`, from its URL (the fetch is timed too).
   */
  mount(kind: PlayerKind, time: number, fetched?: boolean): Promise<number>;
  /** Seeks to `time`; ms until the screen shows `expected`, or NaN, untimed, when it already does or `expected` is null. */
  seek(time: number, expected: string | null): Promise<number>;
  /** Waits until the player is idle (no DOM change for a while, no terminal write pending); the screen text. */
  settle(): Promise<string>;
};

declare global {
  interface Window {
    replayBench?: ReplayBenchApi;
  }
}

// Harness-only hook: count xterm.js writes not yet parsed, so settle() knows ours is done.
let pendingWrites = 0;
const write = Terminal.prototype.write;
Terminal.prototype.write = function (this: Terminal, data: string | Uint8Array, callback?: () => void) {
  pendingWrites++;
  write.call(this, data, () => {
    try {
      callback?.();
    } finally {
      pendingWrites--;
    }
  });
};

const host = document.getElementById("app")!;
let url = "";
let text = "";
let kind: PlayerKind | null = null;
let root: Root | null = null;
let player: AsciinemaPlayer.Player | null = null;
let nonce = 0;

/** Visible rows, trailing blanks trimmed; asciinema-player places each span by its column. */
function screen(): string {
  const rows: string[] = [];
  if (kind === "ours") {
    for (const row of host.querySelectorAll(".xterm-rows > div")) rows.push(row.textContent ?? "");
  } else {
    for (const line of host.querySelectorAll(".ap-term-text > .ap-line")) {
      let row = "";
      for (const span of line.children) {
        const col = Number((span as HTMLElement).style.getPropertyValue("--offset")) || 0;
        row = row.padEnd(col).slice(0, col) + (span.textContent ?? "");
      }
      rows.push(row);
    }
  }
  const out = rows.map((r) => r.replace(/\u00a0/g, " ").trimEnd());
  while (out.length && out[out.length - 1] === "") out.pop();
  return out.join("\n");
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts timing, runs `start`, resolves with the ms until the screen satisfies `done`. */
function timeUntil(done: (s: string) => boolean, start: () => void, timeoutMs = 180_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!done(screen())) return;
      const elapsed = performance.now() - started;
      observer.disconnect();
      clearTimeout(timer);
      resolve(elapsed);
    };
    const observer = new MutationObserver(check);
    observer.observe(host, { subtree: true, childList: true, characterData: true });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`timed out; the screen shows:\n${screen().slice(0, 400)}`));
    }, timeoutMs);
    const started = performance.now();
    try {
      start();
    } catch (error) {
      observer.disconnect();
      clearTimeout(timer);
      reject(error as Error);
    }
  });
}

const renderOurs = (seek: { time: number; nonce: number }) => <TerminalReplay cast={text} markers={[]} seek={seek} />;

const api: ReplayBenchApi = {
  async load(castUrl) {
    url = castUrl;
    const started = performance.now();
    text = await (await fetch(url)).text();
    return { chars: text.length, ms: performance.now() - started };
  },

  mount(which, time, fetched = false) {
    kind = which;
    const el = document.createElement("div");
    el.style.width = "1400px";
    host.replaceChildren(el);
    return timeUntil(
      (s) => s.trim() !== "",
      () => {
        if (which === "ours") {
          root = createRoot(el);
          const show = () => root!.render(renderOurs({ time, nonce: ++nonce }));
          if (fetched) void fetch(url).then(async (r) => ((text = await r.text()), show()));
          else show();
        } else {
          // A poster at `time` is how asciinema-player shows a frame before playing.
          player = AsciinemaPlayer.create(fetched ? { url } : { data: text }, el, { preload: true, poster: `npt:${time}` });
        }
      },
    );
  },

  async seek(time, expected) {
    let seeked: Promise<unknown> = Promise.resolve();
    // The app seeks on a click (a discrete, synchronous React update): flushSync is the same lane.
    const start = () => {
      if (kind === "ours") flushSync(() => root!.render(renderOurs({ time, nonce: ++nonce })));
      else seeked = player!.seek(time);
    };
    if (expected !== null && screen() !== expected) return timeUntil((s) => s === expected, start);
    // Nothing to wait for (calibrating, or the screen already shows the target): seek untimed.
    start();
    await seeked;
    return NaN;
  },

  async settle() {
    let last = performance.now();
    const observer = new MutationObserver(() => (last = performance.now()));
    observer.observe(host, { subtree: true, childList: true, characterData: true });
    await sleep(50);
    while (performance.now() - last < 300 || pendingWrites > 0) await sleep(50);
    observer.disconnect();
    return screen();
  },
};

window.replayBench = api;
