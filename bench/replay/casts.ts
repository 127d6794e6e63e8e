/*
 * The casts the replay benchmark plays, and the times it shows in them. Times are chosen halfway
 * between two events, never on one: asciinema-player includes an event at exactly the target
 * time in a seek but not in a poster, ours includes it in both, so a time on an event would
 * make the two players show different frames.
 */
import fs from "node:fs";
import path from "node:path";

/** The largest `*.cast` under `dir` (null when there is none). */
export function largestCast(dir: string): string | null {
  const best = { file: null as string | null, size: -1 };
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".cast")) {
        const size = fs.statSync(p).size;
        if (size > best.size) Object.assign(best, { file: p, size });
      }
    }
  };
  walk(dir);
  return best.file;
}

// Escape sequences (CSI, OSC, charset and keypad selections) and control characters.
const INVISIBLE = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78c]|[\x00-\x1f\x7f]/g;

export type CastTimes = {
  duration: number;
  /** Halfway between the first event that prints something visible and the next one. */
  firstFrame: number;
  /** Seek targets, in the order they are visited (far jumps both ways, one near the end). */
  seeks: number[];
};

/**
 * Where each position sits in the cast, as a share of its duration. The order mixes backward and
 * forward jumps: asciinema-player replays from the start on a backward seek and only feeds the
 * events in between on a forward one, so both kinds have to be in the mix.
 */
const SEEK_FRACTIONS = [0.999, 0.5, 0.1, 0.9, 0.3, 0.7, 0.05, 0.6, 0.2, 0.8, 0.4, 0.95];

export function castTimes(text: string): CastTimes {
  const times: number[] = [];
  let firstVisible = -1;
  const lines = text.split("\n");
  for (let i = 1; i < lines.length; i++) {
    if (!lines[i]!.startsWith("[")) continue;
    const [time, code, data] = JSON.parse(lines[i]!) as [number, string, string];
    times.push(time);
    if (firstVisible < 0 && code === "o" && data.replace(INVISIBLE, "").trim() !== "") firstVisible = times.length - 1;
  }
  if (firstVisible < 0) throw new Error("the cast prints nothing visible");
  const duration = times[times.length - 1]!;
  /** Halfway between the event at index k (or the last one before it with a later next) and the next later event. */
  const between = (k: number) => {
    let next = k + 1;
    while (next < times.length && times[next]! <= times[k]!) next++;
    if (next >= times.length) throw new Error("no later event to seek between");
    return (times[k]! + times[next]!) / 2;
  };
  /** Largest k with times[k] ≤ t. */
  const eventAt = (t: number) => {
    let lo = 0;
    let hi = times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (times[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    return Math.max(0, Math.min(lo - 1, times.length - 2));
  };
  return {
    duration,
    firstFrame: between(firstVisible),
    seeks: SEEK_FRACTIONS.map((f) => between(eventAt(f * duration))),
  };
}
