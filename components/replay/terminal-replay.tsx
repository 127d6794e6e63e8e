"use client";

import "@xterm/xterm/css/xterm.css";
import { FitAddon } from "@xterm/addon-fit";
import { type ITheme, Terminal } from "@xterm/xterm";
import { type ButtonHTMLAttributes, type KeyboardEvent, type SVGProps, memo, useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { cn } from "@/components/ui/cn";
import { type Cast, type CastIndex, type TextMatch, type TimeMap, idleTimeMap, indexCast, parseCast, SEEK_MAX_CHARS } from "./cast";

/*
 * The terminal replay: an asciicast played in xterm.js, with a scrubber carrying one marker per
 * step, step and search navigation.
 *
 * The cast is untrusted agent output, so the terminal is read-only and answers nothing: stdin is
 * disabled, no key reaches xterm.js, onData/onBinary have no listener (replies to DA, DSR and
 * color queries go nowhere), there is no clipboard addon (OSC 52 is ignored) and no web-links
 * addon, window operations stay disabled (xterm.js default), and an OSC 8 hyperlink opens only
 * on a click, after a confirm that shows its full http(s) URL. Cast text reaches the page only
 * through xterm.js; React renders none of it.
 *
 * Two timelines: the original one (the cast's times; markers, `seek`, `onTime` and `data-time`
 * use it) and the playback one, with idle gaps capped (the clock and the scrubber use it).
 */

export type ReplayMarker = {
  time: number;
  tag: "inspect" | "act" | "verify" | "other" | null;
  label: string;
  step: number;
};

export type TerminalReplayProps = {
  /** asciicast v2 or v3 text. */
  cast: string;
  /** One per step, at its start (original timeline, seconds). */
  markers: ReplayMarker[];
  /** Seeks to `time` (original timeline) whenever `nonce` changes. */
  seek?: { time: number; nonce: number };
  /** The current time (original timeline), on every frame and seek, at most ~10 times a second. */
  onTime?: (time: number) => void;
  /** A step was chosen here (a marker, or previous/next step). */
  onStep?: (step: number) => void;
  className?: string;
};

const SPEEDS = [0.5, 1, 2, 4, 8] as const;
const IDLE_CAPS = [
  { value: "none", label: "No idle cap", seconds: null },
  { value: "0.5", label: "Idle ≤ 0.5 s", seconds: 0.5 },
  { value: "1", label: "Idle ≤ 1 s", seconds: 1 },
  { value: "2", label: "Idle ≤ 2 s", seconds: 2 },
] as const;
const DEFAULT_IDLE_CAP = 1;
const SEARCH_LIMIT = 10_000;
/** Don't queue more than this much output in xterm.js while playing; catch up by seeking instead. */
const BACKLOG_CHARS = 1 << 18;
const THROTTLE_MS = 100;

const MONO = 'ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace';
const BACKGROUND = "#0d1117";
/** Dark in both app themes: recordings assume a dark terminal. */
const THEME: ITheme = {
  background: BACKGROUND,
  foreground: "#e6edf3",
  cursor: "#e6edf3",
  cursorAccent: BACKGROUND,
  selectionBackground: "#264f78",
  black: "#484f58",
  red: "#ff7b72",
  green: "#3fb950",
  yellow: "#d29922",
  blue: "#58a6ff",
  magenta: "#bc8cff",
  cyan: "#39c5cf",
  white: "#b1bac4",
  brightBlack: "#6e7681",
  brightRed: "#ffa198",
  brightGreen: "#56d364",
  brightYellow: "#e3b341",
  brightBlue: "#79c0ff",
  brightMagenta: "#d2a8ff",
  brightCyan: "#56d4dd",
  brightWhite: "#ffffff",
};

// Literal class names so Tailwind sees them.
const MARKER_COLORS: Record<NonNullable<ReplayMarker["tag"]>, string> = {
  inspect: "bg-inspect",
  act: "bg-act",
  verify: "bg-verify",
  other: "bg-other",
};

/** OSC 8 hyperlinks: http(s) only, on a click, after a confirm showing the whole URL. Never on hover. */
function activateLink(_event: MouseEvent, uri: string): void {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return;
  // url.href: normalized (an internationalized host shows as punycode), so the text cannot disguise it.
  if (!window.confirm(`Open this link from the recording in a new tab?\n\n${url.href}`)) return;
  window.open(url.href, "_blank", "noopener,noreferrer");
}

type Snapshot = {
  /** Playback time (idle gaps capped), seconds. */
  time: number;
  /** The same instant on the cast's own timeline. */
  original: number;
  playing: boolean;
};

const IDENTITY: TimeMap = { maxGap: null, duration: 0, toCapped: (t) => t, toOriginal: (t) => t };
const INITIAL: Snapshot = { time: 0, original: 0, playing: false };

/**
 * The playback engine, outside React: it owns the terminal, the clock and the animation frame,
 * and publishes a small snapshot (throttled while playing) for the controls to render.
 */
class ReplayPlayer {
  private term: Terminal | null = null;
  private fit: FitAddon | null = null;
  private index: CastIndex | null = null;
  private map: TimeMap = IDENTITY;
  /** Playback time. */
  private clock = 0;
  /** Events [0, shown) are in the terminal (written or queued). */
  private shown = 0;
  private playing = false;
  private speed = 1;
  private raf = 0;
  private lastFrame: number | null = null;
  private pendingWrites = 0;
  private pendingChars = 0;
  /** A seek is waiting for queued output to be parsed (coalesces a dragged scrubber). */
  private renderWanted = false;
  private size = { cols: 80, rows: 24 };
  private snapshot: Snapshot = INITIAL;
  private listeners = new Set<() => void>();
  private lastPublish = -Infinity;
  private onTime: ((time: number) => void) | undefined;
  private lastReport = -Infinity;
  private lastReported = NaN;

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  getSnapshot = (): Snapshot => this.snapshot;

  /** The current time on the cast's timeline. */
  currentOriginal(): number {
    return this.map.toOriginal(this.clock);
  }

  attach(term: Terminal, fit: FitAddon): void {
    this.term = term;
    this.fit = fit;
    this.pendingWrites = 0;
    this.pendingChars = 0;
    this.renderWanted = false;
    this.render();
  }

  detach(): void {
    this.stop();
    this.playing = false;
    this.term = null;
    this.fit = null;
    this.publish(true);
  }

  setOnTime(onTime: ((time: number) => void) | undefined): void {
    this.onTime = onTime;
  }

  setSpeed(speed: number): void {
    this.speed = speed;
  }

  /** A new cast restarts at 0, paused; a new idle cap keeps the position. */
  setSource(index: CastIndex, map: TimeMap): void {
    if (index !== this.index) {
      this.index = index;
      this.map = map;
      this.stop();
      this.playing = false;
      this.clock = 0;
      this.shown = 0;
      this.lastReported = NaN;
      this.render();
      this.publish(true);
      this.report(true);
    } else if (map !== this.map) {
      const original = this.map.toOriginal(this.clock);
      this.map = map;
      this.clock = Math.min(Math.max(map.toCapped(original), 0), map.duration);
      this.publish(true);
    }
  }

  play(): void {
    if (!this.index || this.playing) return;
    if (this.clock >= this.map.duration) this.seek(0);
    this.playing = true;
    this.lastFrame = null;
    this.raf = requestAnimationFrame(this.frame);
    this.publish(true);
  }

  pause(): void {
    if (!this.playing) return;
    this.playing = false;
    this.stop();
    this.publish(true);
    this.report(true);
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  /** Seek on the playback timeline. */
  seek(time: number): void {
    if (!this.index) return;
    this.clock = Math.min(Math.max(Number.isFinite(time) ? time : 0, 0), this.map.duration);
    this.lastFrame = null;
    this.render();
    this.publish(true);
    this.report(true);
  }

  /** Seek on the cast's timeline. */
  seekOriginal(time: number): void {
    this.seek(this.map.toCapped(time));
  }

  /** Fits the columns to the container again (it was resized). */
  refit(): void {
    this.applySize(this.size);
  }

  private stop(): void {
    if (this.raf) cancelAnimationFrame(this.raf);
    this.raf = 0;
  }

  private frame = (now: number) => {
    this.raf = 0;
    if (!this.playing || !this.index) return;
    if (this.lastFrame !== null) {
      // A background tab gets no frames: resume where it was rather than jump.
      const elapsed = Math.min(now - this.lastFrame, 250) / 1000;
      this.clock = Math.min(this.clock + elapsed * this.speed, this.map.duration);
    }
    this.lastFrame = now;
    this.advance();
    if (this.clock >= this.map.duration) {
      this.playing = false;
      this.publish(true);
      this.report(true);
      return;
    }
    this.publish(false);
    this.report(false);
    this.raf = requestAnimationFrame(this.frame);
  };

  /** Writes the events that became due since the last frame (only those). */
  private advance(): void {
    const { term, index } = this;
    if (!term || !index || this.renderWanted) return;
    const due = index.eventIndexAt(this.map.toOriginal(this.clock));
    if (due <= this.shown) return;
    if (this.pendingChars > BACKLOG_CHARS) return; // let xterm.js catch up first
    if (index.charsBetween(this.shown, due) > SEEK_MAX_CHARS) {
      this.render(); // far behind (8× through a flood of output): jump instead of queueing it all
      return;
    }
    let from = this.shown;
    for (const r of index.resizesBetween(from, due)) {
      const size = index.cast.events[r]!.resize!;
      // Resized once the output before it is parsed, not when it is queued.
      this.write(index.outputBetween(from, r), () => this.applySize(size));
      from = r + 1;
    }
    if (from < due) this.write(index.outputBetween(from, due));
    this.shown = due;
  }

  /**
   * Resets the terminal and writes what shows the screen at the clock in one write: the last few
   * hundred lines (see seekOutput), not all the output before — xterm.js spends its time on line
   * feeds and scrollback, so a seek costs the same at minute one and at hour sixteen. Scrolling
   * back after a seek shows those lines; playing on adds to them as usual.
   */
  private render(): void {
    const { term, index } = this;
    if (!term || !index) return;
    if (this.pendingWrites > 0) {
      // term.reset() does not drop queued output: wait until it is parsed, then show the latest time.
      this.renderWanted = true;
      return;
    }
    this.renderWanted = false;
    const original = this.map.toOriginal(this.clock);
    this.applySize(index.sizeAt(original));
    term.reset();
    const { text, to } = index.seekOutput(original);
    // CAN first: reset() leaves the parser as it was, possibly inside a sequence cut at an event boundary.
    this.write(`\x18${text}`);
    this.shown = to;
  }

  private write(data: string, then?: () => void): void {
    const term = this.term;
    if (!term) return;
    this.pendingWrites++;
    this.pendingChars += data.length;
    term.write(data, () => {
      if (this.term !== term) return;
      this.pendingWrites--;
      this.pendingChars -= data.length;
      then?.();
      if (this.pendingWrites === 0 && this.renderWanted) this.render();
    });
  }

  /** The cast's size, with fewer columns when the container is narrower (rows are kept). */
  private applySize(size: { cols: number; rows: number }): void {
    this.size = size;
    const term = this.term;
    if (!term) return;
    let cols = size.cols;
    const fits = this.fit?.proposeDimensions();
    if (fits && Number.isFinite(fits.cols) && fits.cols > 0) cols = Math.max(2, Math.min(cols, fits.cols));
    if (term.cols !== cols || term.rows !== size.rows) term.resize(cols, size.rows);
  }

  private publish(force: boolean): void {
    const now = performance.now();
    if (!force && now - this.lastPublish < THROTTLE_MS) return;
    this.lastPublish = now;
    const s = this.snapshot;
    const original = this.map.toOriginal(this.clock);
    if (s.time === this.clock && s.original === original && s.playing === this.playing) return;
    this.snapshot = { time: this.clock, original, playing: this.playing };
    for (const listener of this.listeners) listener();
  }

  private report(force: boolean): void {
    if (!this.onTime) return;
    const now = performance.now();
    if (!force && now - this.lastReport < THROTTLE_MS) return;
    const original = this.map.toOriginal(this.clock);
    if (original === this.lastReported) return;
    this.lastReport = now;
    this.lastReported = original;
    this.onTime(original);
  }
}

const EMPTY: Cast = { width: 80, height: 24, duration: 0, events: [] };

/** m:ss (h:mm:ss past an hour), with tenths when `tenths` (short recordings). */
function formatTime(seconds: number, tenths: boolean): string {
  // Whole tenths first (2.8 must not show as 2.7 through 2.7999…).
  const t10 = Math.floor(Math.max(0, Number.isFinite(seconds) ? seconds : 0) * 10 + 1e-6);
  const s = Math.floor(t10 / 10);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  const fraction = tenths ? `.${t10 % 10}` : "";
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}${fraction}` : `${m}:${ss}${fraction}`;
}

/** Space toggles play, except where it types or activates something itself. */
function spaceIsTaken(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLInputElement) return target.type !== "range";
  // The terminal's own (hidden, read-only) textarea is not typing: Space plays there too.
  if (target instanceof HTMLTextAreaElement) return !target.classList.contains("xterm-helper-textarea");
  return target instanceof HTMLSelectElement || target instanceof HTMLButtonElement;
}

export function TerminalReplay({ cast, markers, seek, onTime, onStep, className }: TerminalReplayProps) {
  const parsed = useMemo(() => {
    try {
      return { cast: parseCast(cast), error: null };
    } catch (error) {
      return { cast: EMPTY, error: error instanceof Error ? error.message : String(error) };
    }
  }, [cast]);
  const index = useMemo(() => indexCast(parsed.cast), [parsed]);
  const [speed, setSpeed] = useState<number>(1);
  const [idleCap, setIdleCap] = useState<number | null>(DEFAULT_IDLE_CAP);
  const map = useMemo(() => idleTimeMap(parsed.cast, idleCap), [parsed, idleCap]);

  const [player] = useState(() => new ReplayPlayer());
  const snapshot = useSyncExternalStore(player.subscribe, player.getSnapshot, player.getSnapshot);
  const hostRef = useRef<HTMLDivElement>(null);

  const [query, setQuery] = useState("");
  const [found, setFound] = useState<{ index: CastIndex; query: string; n: number; m: number; more: boolean } | null>(null);
  const searchCache = useRef<{ index: CastIndex; query: string; matches: TextMatch[] } | null>(null);

  // The terminal, created in the browser only.
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const term = new Terminal({
      cols: 80,
      rows: 24,
      disableStdin: true,
      cursorBlink: false,
      cursorInactiveStyle: "outline",
      fontFamily: MONO,
      fontSize: 13,
      scrollback: 2000,
      theme: THEME,
      allowProposedApi: false,
      logLevel: "off",
      linkHandler: { activate: activateLink, allowNonHttpProtocols: false },
    });
    // Nothing typed reaches the terminal (Space and copy still bubble to the page).
    term.attachCustomKeyEventHandler(() => false);
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(host);
    player.attach(term, fit);
    const observer = new ResizeObserver(() => player.refit());
    observer.observe(host);
    return () => {
      observer.disconnect();
      player.detach();
      term.dispose();
    };
  }, [player]);

  useEffect(() => {
    player.setOnTime(onTime);
  }, [player, onTime]);

  useEffect(() => {
    player.setSource(index, map);
  }, [player, index, map]);

  useEffect(() => {
    player.setSpeed(speed);
  }, [player, speed]);

  const seekTime = seek?.time;
  const seekNonce = seek?.nonce;
  useEffect(() => {
    if (seekTime !== undefined && seekNonce !== undefined) player.seekOriginal(seekTime);
  }, [player, seekTime, seekNonce]);

  const duration = map.duration;
  const sortedMarkers = useMemo(
    () =>
      markers
        .filter((m) => Number.isFinite(m.time))
        .map((m) => ({ ...m, at: map.toCapped(m.time) }))
        .sort((a, b) => a.time - b.time || a.step - b.step),
    [markers, map],
  );

  // Stable across renders (the parent's onStep is usually a new arrow each time), so the marker
  // track — one button per step, thousands on long runs — renders only when the markers change.
  const onStepRef = useRef(onStep);
  useEffect(() => {
    onStepRef.current = onStep;
  }, [onStep]);
  const goToMarker = useCallback(
    (marker: ReplayMarker) => {
      player.seekOriginal(marker.time);
      onStepRef.current?.(marker.step);
    },
    [player],
  );

  function stepBy(direction: 1 | -1) {
    const now = player.currentOriginal();
    const target =
      direction > 0
        ? sortedMarkers.find((m) => m.time > now + 1e-3)
        : sortedMarkers.findLast((m) => m.time < now - 0.05);
    if (!target) return;
    // Of markers at one time, the first step.
    goToMarker(sortedMarkers.find((m) => m.time === target.time) ?? target);
  }

  function search(direction: 1 | -1) {
    const q = query;
    if (q.trim() === "") {
      setFound(null);
      return;
    }
    let cache = searchCache.current;
    if (!cache || cache.index !== index || cache.query !== q) {
      cache = { index, query: q, matches: index.findText(q, SEARCH_LIMIT) };
      searchCache.current = cache;
    }
    const { matches } = cache;
    if (matches.length === 0) {
      setFound({ index, query: q, n: 0, m: 0, more: false });
      return;
    }
    const now = player.currentOriginal();
    let k = direction > 0 ? matches.findIndex((m) => m.time > now + 1e-6) : matches.findLastIndex((m) => m.time < now - 1e-6);
    if (k < 0) k = direction > 0 ? 0 : matches.length - 1; // wrap around
    player.seekOriginal(matches[k]!.time);
    setFound({ index, query: q, n: k + 1, m: matches.length, more: matches.length >= SEARCH_LIMIT });
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key !== " " || event.ctrlKey || event.metaKey || event.altKey || spaceIsTaken(event.target)) return;
    event.preventDefault();
    player.toggle();
  }

  const playing = snapshot.playing;
  const time = Math.min(snapshot.time, duration);
  // Shown for the query and cast it was found in only.
  const status = found && found.query === query && found.index === index ? (found.m === 0 ? "No matches" : `${found.n} of ${found.m}${found.more ? "+" : ""}`) : "";
  const tenths = duration < 600;
  const valueText = `${formatTime(time, tenths)} of ${formatTime(duration, tenths)}`;

  return (
    <div data-testid="replay" data-time={snapshot.original.toFixed(3)} className={cn("flex min-w-0 flex-col gap-2", className)} onKeyDown={onKeyDown}>
      <div className="overflow-hidden rounded-md border border-border p-2" style={{ backgroundColor: BACKGROUND }}>
        {parsed.error !== null ? (
          <p role="alert" className="px-1 py-6 text-center text-sm text-[#e6edf3]">
            This recording cannot be played: {parsed.error}.
          </p>
        ) : null}
        <div ref={hostRef} data-testid="replay-terminal" className={cn("w-full overflow-hidden", parsed.error !== null && "hidden")} />
      </div>

      <div className="relative">
        <MarkerTrack markers={sortedMarkers} duration={duration} onPick={goToMarker} />
        <input
          type="range"
          min={0}
          max={duration}
          step="any"
          value={time}
          disabled={duration <= 0}
          aria-label="Playback position"
          aria-valuetext={valueText}
          onChange={(e) => player.seek(Number(e.currentTarget.value))}
          className="block h-4 w-full cursor-pointer accent-accent disabled:cursor-not-allowed"
        />
      </div>

      <div className="flex flex-wrap items-center gap-1.5">
        <IconButton aria-label={playing ? "Pause" : "Play"} title={playing ? "Pause (Space)" : "Play (Space)"} onClick={() => player.toggle()} disabled={parsed.error !== null}>
          {playing ? <PauseIcon /> : <PlayIcon />}
        </IconButton>
        <IconButton aria-label="Previous step" title="Previous step" onClick={() => stepBy(-1)} disabled={sortedMarkers.length === 0}>
          <PreviousIcon />
        </IconButton>
        <IconButton aria-label="Next step" title="Next step" onClick={() => stepBy(1)} disabled={sortedMarkers.length === 0}>
          <NextIcon />
        </IconButton>
        <span className="px-1 font-mono text-xs text-muted tabular-nums" aria-label={`Time ${valueText}`}>
          {formatTime(time, tenths)} / {formatTime(duration, tenths)}
        </span>
        <select
          aria-label="Playback speed"
          title="Playback speed"
          value={speed}
          onChange={(e) => setSpeed(Number(e.currentTarget.value))}
          className="h-7 rounded-md border border-border bg-surface px-1.5 text-xs text-text shadow-xs"
        >
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
        <select
          aria-label="Idle gap limit"
          title="Shorten pauses longer than this"
          value={IDLE_CAPS.find((c) => c.seconds === idleCap)?.value ?? "none"}
          onChange={(e) => setIdleCap(IDLE_CAPS.find((c) => c.value === e.currentTarget.value)?.seconds ?? null)}
          className="h-7 rounded-md border border-border bg-surface px-1.5 text-xs text-text shadow-xs"
        >
          {IDLE_CAPS.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
        <div className="ml-auto flex items-center gap-1.5">
          <input
            type="search"
            value={query}
            onChange={(e) => setQuery(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key !== "Enter") return;
              e.preventDefault();
              search(e.shiftKey ? -1 : 1);
            }}
            placeholder="Search output…"
            aria-label="Search the output (Enter: next match, Shift+Enter: previous)"
            title="Enter: next match · Shift+Enter: previous"
            className="h-7 w-44 rounded-md border border-border bg-surface px-2 text-xs text-text shadow-xs placeholder:text-muted"
          />
          <span role="status" className="min-w-16 text-xs text-muted tabular-nums">
            {status}
          </span>
        </div>
      </div>
    </div>
  );
}

type PlacedMarker = ReplayMarker & { at: number };

/** One button per step over the scrubber, colored by tag; memoized: it changes with the markers only. */
const MarkerTrack = memo(function MarkerTrack({ markers, duration, onPick }: { markers: PlacedMarker[]; duration: number; onPick(marker: ReplayMarker): void }) {
  return (
    // Markers sit over the track: inset by half the thumb, as the range input's track is.
    <div className="relative mx-2 h-3">
      {markers.map((m) => (
        <button
          key={`${m.step}-${m.time}`}
          type="button"
          tabIndex={-1}
          aria-label={`${m.label} (${m.tag ?? "untagged"})`}
          title={`${m.label} · ${m.tag ?? "untagged"}`}
          onClick={() => onPick(m)}
          className="group absolute top-0 flex h-3 w-2 -translate-x-1/2 justify-center"
          style={{ left: `${duration > 0 ? Math.min(100, (m.at / duration) * 100) : 0}%` }}
        >
          <span className={cn("h-full w-0.5 rounded-full opacity-80 group-hover:w-1 group-hover:opacity-100", MARKER_COLORS[m.tag ?? "other"])} />
        </button>
      ))}
    </div>
  );
});

/** A square button styled as the app's secondary Button (components/ui/button.tsx). */
function IconButton({ className, ...props }: ButtonHTMLAttributes<HTMLButtonElement>) {
  return (
    <button
      type="button"
      className={cn(
        "inline-flex size-7 shrink-0 items-center justify-center rounded-md border border-border bg-surface text-text shadow-xs transition-colors hover:bg-subtle disabled:cursor-not-allowed disabled:opacity-60",
        className,
      )}
      {...props}
    />
  );
}

function Icon(props: SVGProps<SVGSVGElement>) {
  return <svg width={16} height={16} viewBox="0 0 16 16" fill="currentColor" aria-hidden="true" focusable="false" {...props} />;
}

const PlayIcon = () => (
  <Icon>
    <path d="M4.5 2.75v10.5a.5.5 0 0 0 .77.42l8.1-5.25a.5.5 0 0 0 0-.84l-8.1-5.25a.5.5 0 0 0-.77.42z" />
  </Icon>
);

const PauseIcon = () => (
  <Icon>
    <rect x="3.5" y="2.5" width="3" height="11" rx="0.75" />
    <rect x="9.5" y="2.5" width="3" height="11" rx="0.75" />
  </Icon>
);

const PreviousIcon = () => (
  <Icon>
    <rect x="2.5" y="3" width="1.75" height="10" rx="0.5" />
    <path d="M13 3.6v8.8a.5.5 0 0 1-.78.42L5.6 8.42a.5.5 0 0 1 0-.84l6.62-4.4A.5.5 0 0 1 13 3.6z" />
  </Icon>
);

const NextIcon = () => (
  <Icon>
    <rect x="11.75" y="3" width="1.75" height="10" rx="0.5" />
    <path d="M3 3.6v8.8a.5.5 0 0 0 .78.42l6.62-4.4a.5.5 0 0 0 0-.84L3.78 3.18A.5.5 0 0 0 3 3.6z" />
  </Icon>
);
