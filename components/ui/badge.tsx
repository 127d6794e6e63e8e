import type { ReactNode } from "react";
import { cn } from "./cn";

export type Tone = "neutral" | "success" | "danger" | "warning" | "info" | "inspect" | "act" | "verify" | "other";

// Literal class names per tone so Tailwind sees them all at build time.
const TONES: Record<Tone, string> = {
  neutral: "bg-subtle text-muted ring-border",
  success: "bg-success/10 text-success ring-success/25",
  danger: "bg-danger/10 text-danger ring-danger/25",
  warning: "bg-warning/10 text-warning ring-warning/30",
  info: "bg-info/10 text-info ring-info/25",
  inspect: "bg-inspect/10 text-inspect ring-inspect/25",
  act: "bg-act/10 text-act ring-act/25",
  verify: "bg-verify/10 text-verify ring-verify/25",
  other: "bg-other/10 text-other ring-other/25",
};

/** A short status word. The word carries the meaning; the color only helps scanning. */
export function Badge({
  tone = "neutral",
  dot = false,
  pulse = false,
  title,
  children,
}: {
  tone?: Tone;
  dot?: boolean;
  /** For live states (a running job). */
  pulse?: boolean;
  title?: string;
  children: ReactNode;
}) {
  return (
    <span
      title={title}
      className={cn(
        "inline-flex items-center gap-1.5 rounded-full px-2 py-px text-xs font-medium whitespace-nowrap ring-1 ring-inset",
        TONES[tone],
      )}
    >
      {dot && <span aria-hidden="true" className={cn("size-1.5 rounded-full bg-current", pulse && "animate-pulse")} />}
      {children}
    </span>
  );
}

/** A small monospace label: failure tags, task tags, formats. */
export function Chip({ children, title }: { children: ReactNode; title?: string }) {
  return (
    <span
      title={title}
      className="inline-block max-w-32 min-w-0 shrink-0 truncate rounded border border-border bg-subtle px-1.5 font-mono text-[11px] leading-[18px] text-muted"
    >
      {children}
    </span>
  );
}

/** At most `max` chips, then "+n" with the rest in its tooltip; `empty` when there are none. */
export function ChipList({
  items,
  max = 2,
  empty = <span className="text-muted">—</span>,
}: {
  items: readonly string[];
  max?: number;
  empty?: ReactNode;
}) {
  if (items.length === 0) return empty;
  const shown = items.slice(0, max);
  const rest = items.slice(max);
  return (
    <span className="flex gap-1">
      {shown.map((item) => (
        <Chip key={item}>{item}</Chip>
      ))}
      {rest.length > 0 && <Chip title={rest.join(", ")}>+{rest.length}</Chip>}
    </span>
  );
}
