"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { OutcomeBadge } from "@/components/trajectories/outcome-badge";
import { useTRPC } from "@/components/trpc/provider";
import { ChipList } from "@/components/ui/badge";
import { EgsPanel } from "./egs-panel";
import { KeyboardHelp } from "./keyboard-help";
import { StepCard } from "./step-card";
import { TAG_KEYS } from "./tags";
import { useLabeling } from "./use-labeling";

// xterm.js needs the DOM: the replay renders in the browser only.
const TerminalReplay = dynamic(() => import("@/components/replay/terminal-replay").then((m) => m.TerminalReplay), {
  ssr: false,
  loading: () => <div className="h-80 animate-pulse rounded-lg bg-subtle" />,
});

/**
 * The trajectory workbench: the replay and the EGS panel on the left, the steps on the right,
 * synced both ways (playing highlights the current step; choosing a step seeks the replay), and
 * labeling by keyboard — j/k move, 1/2/3/0 tag, n adds a note, ? lists the keys.
 */
export function TrajectoryWorkbench({ id }: { id: number }) {
  const trpc = useTRPC();
  const { data: trajectory } = useSuspenseQuery(trpc.trajectories.get.queryOptions({ id }));
  const { data: steps } = useSuspenseQuery(trpc.trajectories.stepViews.queryOptions({ id }));
  const { data: replay } = useSuspenseQuery(trpc.trajectories.replay.queryOptions({ id }));
  const labeling = useLabeling(id);

  const actions = useMemo(() => steps.filter((s) => s.source === "agent" && s.action), [steps]);
  const [selected, setSelected] = useState<number | null>(null); // a step index
  const [current, setCurrent] = useState<number | null>(null); // the step the replay is in
  const [seek, setSeek] = useState<{ time: number; nonce: number }>();
  const [noteFor, setNoteFor] = useState<number | null>(null);
  const [help, setHelp] = useState(false);

  const markerTime = useMemo(() => new Map(replay.markers.map((m) => [m.step, m.time])), [replay.markers]);
  const markers = useMemo(
    () =>
      replay.markers.map((m) => {
        const step = steps.find((s) => s.index === m.step);
        return { time: m.time, step: m.step, tag: step?.tag ?? null, label: `#${m.step} ${step?.action?.split("\n", 1)[0] ?? ""}` };
      }),
    [replay.markers, steps],
  );

  const listRef = useRef<HTMLDivElement>(null);
  const rowOf = useMemo(() => new Map(steps.map((s, i) => [s.index, i])), [steps]);
  // The virtualizer's functions change identity as it measures; nothing memoizes them here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: steps.length, getScrollElement: () => listRef.current, estimateSize: () => 120, overscan: 8 });

  const select = useCallback(
    (index: number, options: { seekReplay?: boolean } = {}) => {
      setSelected(index);
      const row = rowOf.get(index);
      if (row !== undefined) virtualizer.scrollToIndex(row, { align: "auto" });
      const time = markerTime.get(index);
      if (options.seekReplay !== false && time !== undefined) setSeek({ time, nonce: Date.now() });
    },
    [markerTime, rowOf, virtualizer],
  );

  // Stable handles on `select` (which changes as the virtualizer measures), so the memoized step
  // cards, EGS panel and marker track do not render again on every key press.
  const selectRef = useRef(select);
  useEffect(() => {
    selectRef.current = select;
  }, [select]);
  const pickStep = useCallback((index: number) => selectRef.current(index), []);
  const pickFromReplay = useCallback((index: number) => selectRef.current(index, { seekReplay: false }), []);

  const move = useCallback(
    (delta: number) => {
      if (actions.length === 0) return;
      const at = selected === null ? -1 : actions.findIndex((s) => s.index === selected);
      const next = at === -1 ? (delta > 0 ? 0 : actions.length - 1) : Math.min(actions.length - 1, Math.max(0, at + delta));
      select(actions[next]!.index);
    },
    [actions, selected, select],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      if (target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))) return;
      if (event.key === "?") return setHelp((h) => !h);
      if (event.key === "Escape") return setHelp(false);
      if (event.key === "j") return move(1);
      if (event.key === "k") return move(-1);
      const step = steps.find((s) => s.index === selected);
      if (!step) return;
      const tag = TAG_KEYS[event.key];
      if (tag) {
        event.preventDefault();
        labeling.mutate({ stepId: step.id, tag });
      } else if (event.key === "n") {
        event.preventDefault();
        setNoteFor(step.index);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [labeling, move, selected, steps]);

  const onTime = useCallback(
    (time: number) => {
      let at: number | null = null;
      for (const m of replay.markers) if (m.time <= time + 1e-6) at = m.step;
      setCurrent(at);
    },
    [replay.markers],
  );

  const noteStep = steps.find((s) => s.index === noteFor);

  return (
    <div className="flex flex-col gap-4">
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <Link href="/trajectories" className="text-sm text-muted hover:text-text">
          ← Trajectories
        </Link>
        <h1 className="text-lg font-semibold">{trajectory.task?.name ?? `Trajectory ${id}`}</h1>
        <span className="text-sm text-muted">{trajectory.agent?.name ?? "unknown agent"}</span>
        <OutcomeBadge resolved={trajectory.resolved} reward={trajectory.reward} />
        <ChipList items={trajectory.failureTags} max={4} />
        <button type="button" onClick={() => setHelp(true)} className="ml-auto text-xs text-muted underline">
          Keys (?)
        </button>
      </header>

      <div className="grid min-h-0 gap-4 xl:grid-cols-[minmax(0,7fr)_minmax(0,5fr)]">
        <div className="flex min-w-0 flex-col gap-4">
          <TerminalReplay cast={replay.cast} markers={markers} seek={seek} onTime={onTime} onStep={pickFromReplay} />
          {replay.synthesized && (
            <p className="text-xs text-muted">This source has no recording: the replay is built from the steps (prompt, command, output).</p>
          )}
          <EgsPanel trajectory={trajectory} onStep={pickStep} />
        </div>

        <section aria-label="Steps" className="flex min-h-0 flex-col rounded-lg border border-border bg-surface">
          <div className="flex items-center justify-between border-b border-border px-3 py-2 text-xs text-muted">
            <span>
              {actions.length} actions · {steps.length} steps
            </span>
            <span>j/k move · 1 inspect · 2 act · 3 verify · 0 other · n note</span>
          </div>
          <div ref={listRef} className="h-[70vh] overflow-auto" data-testid="step-list">
            <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
              {virtualizer.getVirtualItems().map((item) => {
                const step = steps[item.index]!;
                return (
                  <div key={step.id} data-index={item.index} ref={virtualizer.measureElement} style={{ position: "absolute", top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}>
                    <StepCard step={step} selected={selected === step.index} current={current === step.index} onSelect={pickStep} />
                  </div>
                );
              })}
            </div>
          </div>
        </section>
      </div>

      {noteStep && (
        <NoteEditor
          step={noteStep.index}
          onCancel={() => setNoteFor(null)}
          onSave={(note) => {
            labeling.mutate({ stepId: noteStep.id, tag: noteStep.tag ?? "other", note });
            setNoteFor(null);
          }}
        />
      )}
      {help && <KeyboardHelp onClose={() => setHelp(false)} />}
    </div>
  );
}

function NoteEditor({ step, onSave, onCancel }: { step: number; onSave(note: string): void; onCancel(): void }) {
  const [note, setNote] = useState("");
  return (
    <div role="dialog" aria-label={`Note for step ${step}`} className="fixed inset-x-0 bottom-4 mx-auto w-[min(36rem,90vw)] rounded-lg border border-border bg-surface p-3 shadow-lg">
      <label className="text-xs text-muted" htmlFor="step-note">
        Note for step #{step} (Enter saves, Esc cancels)
      </label>
      <textarea
        id="step-note"
        autoFocus
        value={note}
        onChange={(e) => setNote(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Escape") onCancel();
          if (e.key === "Enter" && !e.shiftKey) {
            e.preventDefault();
            if (note.trim()) onSave(note.trim());
          }
        }}
        className="mt-1 h-20 w-full rounded-md border border-border bg-background p-2 text-sm"
      />
    </div>
  );
}
