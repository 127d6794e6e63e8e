"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { formatPercent } from "@/components/ui/format";
import { type Axis, ChartLegend, StudentMarks, plottable } from "./student-marks";
import { StudentTable } from "./student-table";

const W = 560;
const H = 320;
const PAD = { left: 48, right: 16, top: 16, bottom: 40 };

/**
 * Each teacher's resolved rate against how grounded its trajectories are (EGS or TOR): the
 * strongest agent is not always the best teacher, and this is where that shows. Students trained on
 * a frozen dataset version sit beside them, at the mean metric of what they were trained on.
 */
export function TeacherChart() {
  const trpc = useTRPC();
  const { data: stats } = useSuspenseQuery(trpc.agents.stats.queryOptions());
  const { data: students } = useSuspenseQuery(trpc.agents.students.queryOptions());
  const [axis, setAxis] = useState<Axis>("egs");
  const points = stats.filter((s) => s.resolvedRate !== null && s[axis] !== null);
  const left = stats.filter((s) => !points.includes(s));
  const marks = plottable(students, axis);
  const most = Math.max(1, ...points.map((p) => p.trajectories));
  const x = (v: number) => PAD.left + v * (W - PAD.left - PAD.right);
  const y = (v: number) => H - PAD.bottom - v * (H - PAD.top - PAD.bottom);

  return (
    <figure className="rounded-lg border border-border bg-surface p-3">
      <figcaption className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <span className="font-medium">Resolved rate against {axis === "egs" ? "EGS" : "TOR"}, per teacher</span>
        <span role="group" aria-label="Horizontal axis" className="flex gap-2 text-xs">
          {(["egs", "tor"] as const).map((a) => (
            <label key={a} className="flex items-center gap-1">
              <input type="radio" name="teacher-axis" checked={axis === a} onChange={() => setAxis(a)} />
              {a.toUpperCase()}
            </label>
          ))}
        </span>
      </figcaption>
      {points.length === 0 && marks.length === 0 ? (
        <p className="mt-2 text-sm text-muted">No teacher has both outcomes and acts to score yet.</p>
      ) : (
        <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Resolved rate against ${axis.toUpperCase()} for ${points.length} teachers${marks.length ? ` and ${marks.length} students` : ""}`} className="mt-2 w-full max-w-2xl">
          {[0, 0.25, 0.5, 0.75, 1].map((t) => (
            <g key={t} className="text-muted">
              <line x1={x(0)} x2={x(1)} y1={y(t)} y2={y(t)} stroke="currentColor" strokeOpacity={0.15} />
              <line x1={x(t)} x2={x(t)} y1={y(0)} y2={y(1)} stroke="currentColor" strokeOpacity={0.15} />
              <text x={PAD.left - 6} y={y(t) + 4} textAnchor="end" fontSize={10} fill="currentColor">
                {t * 100}%
              </text>
              <text x={x(t)} y={H - PAD.bottom + 14} textAnchor="middle" fontSize={10} fill="currentColor">
                {t * 100}%
              </text>
            </g>
          ))}
          <text x={(x(0) + x(1)) / 2} y={H - 6} textAnchor="middle" fontSize={11} className="fill-muted">
            {axis === "egs" ? "EGS (mean)" : "TOR (mean)"}
          </text>
          <text transform={`translate(12 ${(y(0) + y(1)) / 2}) rotate(-90)`} textAnchor="middle" fontSize={11} className="fill-muted">
            {students.length > 0 ? "resolved rate / student score" : "resolved rate"}
          </text>
          {points.map((p) => (
            <g key={p.name} className="text-accent">
              <circle cx={x(p[axis]!)} cy={y(p.resolvedRate!)} r={4 + 8 * Math.sqrt(p.trajectories / most)} fill="currentColor" fillOpacity={0.35} stroke="currentColor">
                <title>{`${p.name}: resolved ${formatPercent(p.resolvedRate)} of ${p.judged}, ${axis.toUpperCase()} ${formatPercent(p[axis])}, ${p.trajectories} trajectories`}</title>
              </circle>
              <text x={x(p[axis]!) + 8} y={y(p.resolvedRate!) - 8} fontSize={10} className="fill-text">
                {p.name}
              </text>
            </g>
          ))}
          <StudentMarks students={marks} axis={axis} x={x} y={y} />
        </svg>
      )}
      {students.length > 0 && <ChartLegend />}
      {left.length > 0 && <p className="mt-1 text-xs text-muted">Not plotted (no recorded outcome or no act to score): {left.map((s) => s.name).join(", ")}.</p>}
      {students.length > marks.length && (
        <p className="mt-1 text-xs text-muted">
          Students are plotted only when their score was recorded as a rate in [0, 1] and their set has a mean {axis.toUpperCase()}; all are listed below.
        </p>
      )}
      {students.length > 0 && (
        <div className="mt-3">
          <StudentTable students={students} />
        </div>
      )}
    </figure>
  );
}
