import { Badge } from "@/components/ui/badge";

const TAGS = [
  { tag: "inspect", text: "reads the environment without changing it: ls, cat, grep, git status" },
  { tag: "act", text: "changes it: writes, edits, installs, builds, starts services" },
  { tag: "verify", text: "checks an earlier act: runs tests, runs or re-reads what was written" },
  { tag: "other", text: "navigation, waiting, interrupts, declaring completion" },
] as const;

const METRICS = [
  { name: "TOR", text: "share of acts whose target was observed before" },
  { name: "VAR", text: "share of acts followed by a check of their effect" },
  { name: "EGS", text: "mean of TOR, VAR and whether the last act was verified" },
] as const;

/** What the step tags and the trajectory metrics mean (egs-v1), next to where they are shown. */
export function TagLegend() {
  return (
    <section aria-labelledby="tag-legend" className="rounded-lg border border-border bg-surface p-4">
      <h2 id="tag-legend" className="text-sm font-semibold">
        How steps are scored
      </h2>
      <p className="mt-1 text-xs text-muted">Every command gets one tag; metrics measure how grounded a trajectory is.</p>
      <dl className="mt-3 space-y-2 text-xs">
        {TAGS.map(({ tag, text }) => (
          <div key={tag} className="grid grid-cols-[4.5rem_1fr] items-baseline gap-2">
            <dt>
              <Badge tone={tag}>{tag}</Badge>
            </dt>
            <dd className="text-muted">{text}</dd>
          </div>
        ))}
      </dl>
      <dl className="mt-4 space-y-1.5 border-t border-border pt-3 text-xs">
        {METRICS.map(({ name, text }) => (
          <div key={name} className="grid grid-cols-[4.5rem_1fr] items-baseline gap-2">
            <dt className="font-mono font-medium">{name}</dt>
            <dd className="text-muted">{text}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
