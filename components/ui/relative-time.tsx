"use client";

import { useSyncExternalStore } from "react";

/*
 * "3 h ago" depends only on the clock, so server and browser render the same text (a minute
 * boundary in between is tolerated by suppressHydrationWarning and corrected on the next tick).
 * The exact local time, which depends on the browser's zone, is only added after hydration.
 * One shared ticker for every instance on the page.
 */
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(onTick: () => void) {
  listeners.add(onTick);
  timer ??= setInterval(() => listeners.forEach((l) => l()), 30_000);
  return () => {
    listeners.delete(onTick);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

const currentMinute = () => Math.floor(Date.now() / 60_000);
const noop = () => () => {};

const dateUtc = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });

function relative(date: Date, nowMs: number): string {
  const minutes = Math.floor((nowMs - date.getTime()) / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  if (days < 7) return `${days} d ago`;
  return dateUtc.format(date); // UTC: the same on server and browser
}

export function RelativeTime({ date }: { date: Date }) {
  const minute = useSyncExternalStore(subscribe, currentMinute, currentMinute);
  const hydrated = useSyncExternalStore(noop, () => true, () => false);
  return (
    <time
      dateTime={date.toISOString()}
      title={hydrated ? date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) : undefined}
      suppressHydrationWarning
    >
      {relative(date, (minute + 1) * 60_000 - 1)}
    </time>
  );
}
