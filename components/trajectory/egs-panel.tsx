"use client";

import { memo, useState } from "react";
import type { RouterOutputs } from "@/components/api-types";
import { Metric } from "@/components/ui/metric";

type Trajectory = RouterOutputs["trajectories"]["get"];

/** Acts listed before "show all": a long trajectory has hundreds, and the page must stay quick. */
const ACTS_SHOWN = 12;

type Ref = { step: number; command: number };
type Detail = {
  counts?: Record<string, number>;
  acts?: { at: Ref; targets: string[]; supportedBy: (Ref & { target: string }) | null; verifiedBy: Ref | null }[];
  lastAct?: Ref | null;
  closingVerify?: Ref | null;
};

/**
 * Each metric with what it was computed from — which acts were supported, by which observation,
 * and which were checked — so a reader can recount it (definitions in docs/egs.md).
 */
export const EgsPanel = memo(function EgsPanel({ trajectory, onStep }: { trajectory: Trajectory; onStep?(step: number): void }) {
  const detail = (trajectory.metricsDetail ?? {}) as Detail;
  const acts = detail.acts ?? [];
  const supported = acts.filter((a) => a.supportedBy).length;
  const verified = acts.filter((a) => a.verifiedBy).length;
  const [all, setAll] = useState(false);
  const shown = all ? acts : acts.slice(0, ACTS_SHOWN);
  const stepLink = (at: Ref) => {
    const name = `#${at.step}${at.command > 0 ? `.${at.command + 1}` : ""}`;
    if (!onStep) return <span className="font-mono">{name}</span>;
    return (
      <button type="button" className="font-mono underline decoration-dotted" onClick={() => onStep(at.step)}>
        {name}
      </button>
    );
  };

  return (
    <section aria-label="EGS" className="rounded-lg border border-border bg-surface p-3 text-sm">
      <h2 className="text-xs font-semibold tracking-wide text-muted uppercase">Environment-grounded supervision</h2>
      <dl className="mt-2 grid grid-cols-5 gap-2 text-center">
        {(
          [
            ["TOR", trajectory.tor, `${supported} of ${acts.length} acts observed first`],
            ["VAR", trajectory.var, `${verified} of ${acts.length} acts checked after`],
            ["Closed loop", trajectory.closedLoop, detail.closingVerify ? "a verify follows the last act" : "no verify after the last act"],
            ["IAV", null, "acts both observed first and checked after"],
            ["EGS", trajectory.egs, "mean of TOR, VAR and closed loop"],
          ] as const
        ).map(([label, value, hint]) => (
          <div key={label} title={hint}>
            <dt className="text-[11px] text-muted">{label}</dt>
            <dd className="font-mono text-base font-semibold tabular-nums">
              {label === "IAV" ? (trajectory.iavCycles ?? "—") : <Metric value={value} label={label} />}
            </dd>
          </div>
        ))}
      </dl>
      {detail.counts && (
        <p className="mt-2 text-xs text-muted">
          Actions: {detail.counts.inspect ?? 0} inspect · {detail.counts.act ?? 0} act · {detail.counts.verify ?? 0} verify · {detail.counts.other ?? 0} other
        </p>
      )}
      {acts.length > 0 && (
        <div className={all ? "mt-2 max-h-96 overflow-auto" : "mt-2"}>
        <table className="w-full text-xs">
          <caption className="sr-only">Acts and what grounded them</caption>
          <thead className="text-left text-muted">
            <tr>
              <th className="font-medium">Act</th>
              <th className="font-medium">Target</th>
              <th className="font-medium">Observed by</th>
              <th className="font-medium">Checked by</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((a, i) => (
              <tr key={i} className="border-t border-border">
                <td className="py-0.5">{stepLink(a.at)}</td>
                <td className="max-w-40 truncate font-mono" title={a.targets.join(", ")}>
                  {a.targets.join(", ") || "—"}
                </td>
                <td>{a.supportedBy ? stepLink(a.supportedBy) : <span className="text-danger">none</span>}</td>
                <td>{a.verifiedBy ? stepLink(a.verifiedBy) : <span className="text-danger">none</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
      {acts.length > ACTS_SHOWN && (
        <button type="button" className="mt-1 text-xs text-muted underline" onClick={() => setAll(!all)}>
          {all ? `Show the first ${ACTS_SHOWN} acts` : `Show all ${acts.length} acts`}
        </button>
      )}
      {trajectory.egsVersion && <p className="mt-2 text-[11px] text-muted">{trajectory.egsVersion} · see docs/egs.md</p>}
    </section>
  );
});
