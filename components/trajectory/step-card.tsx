"use client";

import { useQuery } from "@tanstack/react-query";
import { memo, useState } from "react";
import type { RouterOutputs } from "@/components/api-types";
import { useTRPC } from "@/components/trpc/provider";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { formatCount } from "@/components/ui/format";
import { isStepTag } from "./tags";

export type StepView = RouterOutputs["trajectories"]["stepViews"][number];

/** Outputs taller than this many lines start collapsed. */
const COLLAPSED_LINES = 12;

/**
 * One step: its command(s) with each command's tag and rule, the thought, the output (collapsed
 * when long; a cut preview says so and offers the rest), the exit code and the human labels.
 * Everything from the trajectory is rendered as text.
 */
export const StepCard = memo(function StepCard({ step, selected, current, onSelect }: { step: StepView; selected: boolean; current: boolean; onSelect(index: number): void }) {
  const [open, setOpen] = useState(false);
  const [full, setFull] = useState(false);
  const trpc = useTRPC();
  const whole = useQuery({ ...trpc.trajectories.observation.queryOptions({ stepId: step.id }), enabled: full });
  const output = full && whole.data !== undefined ? whole.data : (step.observation ?? "");
  const cut = !full && (step.observationLength ?? 0) > output.length;
  const lines = output.split("\n");
  const long = lines.length > COLLAPSED_LINES;
  const shown = open || !long ? output : lines.slice(0, COLLAPSED_LINES).join("\n");
  const relabeled = step.tag !== step.autoTag && step.labels.length > 0;

  return (
    <article
      aria-label={`Step ${step.index}`}
      aria-current={selected ? "step" : undefined}
      data-step={step.index}
      data-tag={step.tag ?? ""}
      onClick={() => onSelect(step.index)}
      className={cn(
        "cursor-default border-b border-border px-3 py-2.5 text-sm",
        selected ? "bg-accent/8 ring-2 ring-accent/60 ring-inset" : current ? "bg-subtle" : "hover:bg-subtle/60",
      )}
    >
      <header className="flex flex-wrap items-center gap-2">
        <span className="font-mono text-xs text-muted tabular-nums">#{step.index}</span>
        {step.source !== "agent" && <Badge>{step.source}</Badge>}
        {isStepTag(step.tag) && (
          <Badge tone={step.tag} dot title={relabeled ? `labeled ${step.tag} by a person (auto: ${step.autoTag ?? "none"})` : `auto: ${step.autoRule ?? ""}`}>
            {step.tag}
            {relabeled && " ✎"}
          </Badge>
        )}
        {step.autoRule && (
          <span className="truncate font-mono text-[11px] text-muted" title={`auto tag ${step.autoTag} by rule ${step.autoRule}`}>
            {relabeled ? `auto ${step.autoTag} · ` : ""}
            {step.autoRule}
          </span>
        )}
        {!step.trainable && <Badge title="Copied context or deterministic dispatch: shown, never trained on">not trainable</Badge>}
        {step.exitCode !== null && <Badge tone={step.exitCode === 0 ? "neutral" : "danger"}>exit {step.exitCode}</Badge>}
      </header>

      {step.thought && (
        <details className="mt-1.5 text-xs text-muted" onClick={(e) => e.stopPropagation()}>
          <summary className="cursor-pointer select-none">Thought</summary>
          <p className="mt-1 whitespace-pre-wrap">{step.thought}</p>
        </details>
      )}

      {step.commands.length > 0 ? (
        <ul className="mt-1.5 space-y-1" aria-label="Commands">
          {step.commands.map((c, i) => (
            <li key={i} className="flex items-start gap-2">
              <Badge tone={isStepTag(c.tag) ? c.tag : "neutral"} title={`${c.rule} (confidence ${c.confidence.toFixed(2)})`}>
                {c.tag}
              </Badge>
              <code className="min-w-0 font-mono text-xs break-all whitespace-pre-wrap">{c.text}</code>
            </li>
          ))}
        </ul>
      ) : (
        step.action && <pre className="mt-1.5 font-mono text-xs whitespace-pre-wrap">{step.action}</pre>
      )}

      {output && (
        <div className="mt-2">
          <pre className="max-h-[60vh] overflow-auto rounded-md bg-subtle px-2 py-1.5 font-mono text-[11px] leading-4 whitespace-pre-wrap text-muted">
            {shown}
          </pre>
          <div className="mt-1 flex gap-3 text-[11px] text-muted">
            {long && (
              <button type="button" className="underline" onClick={(e) => (e.stopPropagation(), setOpen(!open))}>
                {open ? "Collapse" : `Show all ${formatCount(lines.length)} lines`}
              </button>
            )}
            {cut && (
              <button type="button" className="underline" onClick={(e) => (e.stopPropagation(), setFull(true), setOpen(true))}>
                Showing {formatCount(output.length)} of {formatCount(step.observationLength ?? 0)} characters — load the rest
              </button>
            )}
          </div>
        </div>
      )}

      {step.labels.length > 0 && (
        <ul className="mt-2 flex flex-wrap gap-2 text-[11px] text-muted" aria-label="Labels">
          {step.labels.map((l) => (
            <li key={l.annotator}>
              <span className="font-medium text-text">{l.annotator}</span>: {l.tag}
              {l.note && <span> — “{l.note}”</span>}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
});
