"use client";

import { useSuspenseQueries } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useState } from "react";
import { EgsPanel } from "@/components/trajectory/egs-panel";
import { OutcomeBadge } from "@/components/trajectories/outcome-badge";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";

const TerminalReplay = dynamic(() => import("@/components/replay/terminal-replay").then((m) => m.TerminalReplay), {
  ssr: false,
  loading: () => <div className="h-64 animate-pulse rounded-lg bg-subtle" />,
});

/**
 * Trajectories side by side — usually different teachers on one task — with their replays
 * synced by action (the k-th action of each) or by time, and their metric panels aligned.
 */
export function CompareView({ ids }: { ids: number[] }) {
  const trpc = useTRPC();
  const trajectories = useSuspenseQueries({ queries: ids.map((id) => trpc.trajectories.get.queryOptions({ id })) });
  const replays = useSuspenseQueries({ queries: ids.map((id) => trpc.trajectories.replay.queryOptions({ id })) });
  const [mode, setMode] = useState<"step" | "time">("step");
  const [action, setAction] = useState(0);
  const [time, setTime] = useState(0);
  const [nonce, setNonce] = useState(0);
  const most = Math.max(...replays.map((r) => r.data.markers.length));
  const longest = Math.max(...replays.map((r) => r.data.markers.at(-1)?.time ?? 0));

  const seekOf = (i: number) => {
    const markers = replays[i]!.data.markers;
    if (mode === "time") return { time, nonce };
    const marker = markers[Math.min(action, markers.length - 1)];
    return marker ? { time: marker.time, nonce } : undefined;
  };
  const goAction = (k: number) => {
    setAction(Math.max(0, Math.min(most - 1, k)));
    setNonce((n) => n + 1);
  };

  return (
    <div className="flex flex-col gap-4">
      <div role="group" aria-label="Sync" className="flex flex-wrap items-center gap-3 text-sm">
        <label className="flex items-center gap-1.5">
          <input type="radio" name="sync" checked={mode === "step"} onChange={() => setMode("step")} /> Sync by action
        </label>
        <label className="flex items-center gap-1.5">
          <input type="radio" name="sync" checked={mode === "time"} onChange={() => setMode("time")} /> Sync by time
        </label>
        {mode === "step" ? (
          <span className="flex items-center gap-2">
            <Button aria-label="Previous action (all)" onClick={() => goAction(action - 1)}>
              ←
            </Button>
            <span className="tabular-nums">
              action {action + 1} of {most}
            </span>
            <Button aria-label="Next action (all)" onClick={() => goAction(action + 1)}>
              →
            </Button>
          </span>
        ) : (
          <input
            type="range"
            aria-label="Time (all)"
            min={0}
            max={Math.max(longest, 1)}
            step={0.1}
            value={time}
            onChange={(e) => {
              setTime(Number(e.target.value));
              setNonce((n) => n + 1);
            }}
            className="w-64"
          />
        )}
      </div>
      <div className="grid gap-4" style={{ gridTemplateColumns: `repeat(${ids.length}, minmax(0, 1fr))` }}>
        {trajectories.map(({ data: t }, i) => (
          <section key={t.id} aria-label={`Trajectory ${t.id}`} className="flex min-w-0 flex-col gap-3">
            <header className="flex flex-wrap items-center gap-2">
              <Link href={`/trajectories/${t.id}`} className="font-medium hover:underline">
                {t.agent?.name ?? "unknown agent"}
              </Link>
              <OutcomeBadge resolved={t.resolved} reward={t.reward} />
              <span className="text-xs text-muted">#{t.id}</span>
            </header>
            <TerminalReplay cast={replays[i]!.data.cast} markers={replays[i]!.data.markers.map((m) => ({ ...m, tag: null, label: `#${m.step}` }))} seek={seekOf(i)} />
            <EgsPanel trajectory={t} />
          </section>
        ))}
      </div>
    </div>
  );
}
