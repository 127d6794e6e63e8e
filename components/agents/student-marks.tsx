import type { ReactNode } from "react";
import { formatPercent } from "@/components/ui/format";
import type { StudentPoint } from "@/server/datasets/student-points";

export type Axis = "egs" | "tor";

/** A rate-scale score (in [0, 1]) as a percentage; anything else as recorded (e.g. "20.6"). */
export function formatScore(p: StudentPoint): string {
  return p.rate === null ? String(Math.round(p.score * 100) / 100) : formatPercent(p.rate);
}

export function studentTitle(p: StudentPoint): string {
  const mostly = p.mainTeacher ? ` (mostly ${p.mainTeacher})` : "";
  return `student ${p.studentModel} trained on ${p.dataset} v${p.version}${mostly}: ${p.benchmark} ${formatScore(p)}`;
}

/** Students that share the teachers' axes: a rate-scale score and a set with the metric scored. */
export function plottable(students: StudentPoint[], axis: Axis) {
  return students.filter((s) => s.rate !== null && s[axis] !== null);
}

function Diamond({ cx, cy, r, children }: { cx: number; cy: number; r: number; children?: ReactNode }) {
  return (
    <path d={`M${cx} ${cy - r}L${cx + r} ${cy}L${cx} ${cy + r}L${cx - r} ${cy}Z`} fill="none" stroke="currentColor" strokeWidth={1.5} pointerEvents="all">
      {children}
    </path>
  );
}

/** Hollow diamonds at (the training set's mean metric, the student's score), inside the chart's SVG. */
export function StudentMarks({ students, axis, x, y }: { students: StudentPoint[]; axis: Axis; x: (v: number) => number; y: (v: number) => number }) {
  return students.map((s) => (
    <g key={s.id} className="text-text">
      <Diamond cx={x(s[axis]!)} cy={y(s.rate!)} r={6}>
        <title>{studentTitle(s)}</title>
      </Diamond>
      <text x={x(s[axis]!) + 9} y={y(s.rate!) + 12} fontSize={10} className="fill-muted">
        {s.studentModel}
      </text>
    </g>
  ));
}

export function ChartLegend() {
  return (
    <ul aria-label="Legend" className="mt-1 flex flex-wrap gap-4 text-xs text-muted">
      <li className="flex items-center gap-1">
        <svg viewBox="0 0 12 12" className="size-3 text-accent" aria-hidden>
          <circle cx={6} cy={6} r={5} fill="currentColor" fillOpacity={0.35} stroke="currentColor" />
        </svg>
        teachers
      </li>
      <li className="flex items-center gap-1">
        <svg viewBox="0 0 12 12" className="size-3 text-text" aria-hidden>
          <Diamond cx={6} cy={6} r={5} />
        </svg>
        students (trained on a dataset version)
      </li>
    </ul>
  );
}
