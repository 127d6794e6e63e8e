"use client";

import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import type { RouterOutputs } from "@/components/api-types";
import { formatBytes } from "@/components/import/format-bytes";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { formatCount } from "@/components/ui/format";
import { RelativeTime } from "@/components/ui/relative-time";

type Version = RouterOutputs["datasets"]["get"]["versions"][number];

const FORMATS = [
  { value: "openai", label: "OpenAI messages JSONL (TRL)" },
  { value: "sharegpt", label: "ShareGPT (LLaMA-Factory)" },
  { value: "axolotl", label: "axolotl chat_template" },
  { value: "atif", label: "ATIF documents" },
] as const;

const field = "h-7 rounded-md border border-border bg-surface px-2 text-xs";

/** One frozen version: stats, exports (start, follow, cancel, download) and student results. */
export function VersionCard({ dataset, version: v, onChange }: { dataset: string; version: Version; onChange(): void }) {
  const trpc = useTRPC();
  const start = useMutation(trpc.datasets.export.mutationOptions({ onSuccess: onChange }));
  const cancel = useMutation(trpc.datasets.cancelExport.mutationOptions({ onSuccess: onChange }));
  const student = useMutation(trpc.datasets.addStudent.mutationOptions({ onSuccess: onChange }));
  const [format, setFormat] = useState<(typeof FORMATS)[number]["value"]>("openai");
  const teachers = Object.entries(v.stats.byAgent ?? {});

  function addStudent(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    student.mutate({ dataset, version: v.version, studentModel: String(f.get("model")), benchmark: String(f.get("benchmark")), score: Number(f.get("score")), notes: String(f.get("notes") ?? "") || null });
    event.currentTarget.reset();
  }

  return (
    <article aria-label={`Version ${v.version}`} className="rounded-lg border border-border bg-surface p-4 text-sm">
      <header className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h2 className="font-semibold">v{v.version}</h2>
        <span>{formatCount(v.memberCount)} trajectories</span>
        <span className="text-xs text-muted">
          {v.stats.splits ? `${v.stats.splits.train} train · ${v.stats.splits.validation} validation · ` : ""}
          {v.stats.tasks ?? "?"} tasks · EGS mean {v.stats.egs?.mean === null || v.stats.egs?.mean === undefined ? "—" : v.stats.egs.mean.toFixed(2)}
        </span>
        <span className="font-mono text-[11px] text-muted" title={v.contentHash}>
          {v.contentHash.slice(0, 12)}
        </span>
        <span className="ml-auto text-xs text-muted">
          frozen <RelativeTime date={v.createdAt} />
        </span>
      </header>
      {teachers.length > 0 && <p className="mt-1 text-xs text-muted">Teachers: {teachers.map(([name, n]) => `${name} ${n}`).join(" · ")}</p>}

      <form
        className="mt-3 flex flex-wrap items-center gap-2"
        aria-label={`Export version ${v.version}`}
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          start.mutate({ name: dataset, version: v.version, format, options: { redact: !f.get("noRedact"), maskObservations: Boolean(f.get("maskObservations")) } });
        }}
      >
        <select aria-label="Export format" className={field} value={format} onChange={(e) => setFormat(e.target.value as typeof format)}>
          {FORMATS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
        {format === "axolotl" && (
          <label className="flex items-center gap-1 text-xs">
            <input type="checkbox" name="maskObservations" /> mask observations
          </label>
        )}
        <label className="flex items-center gap-1 text-xs">
          <input type="checkbox" name="noRedact" /> keep secrets (no redaction)
        </label>
        <Button type="submit" disabled={start.isPending}>
          Export
        </Button>
        {start.error && (
          <span role="alert" className="text-xs text-danger">
            {start.error.message}
          </span>
        )}
      </form>

      {v.exports.length > 0 && (
        <ul aria-label="Exports" className="mt-2 space-y-1 text-xs">
          {v.exports.map((e) => (
            <li key={e.id} className="flex flex-wrap items-center gap-2">
              <span className="font-mono">{e.format}</span>
              {e.status === "running" ? (
                <>
                  <progress className="h-2 w-40" value={e.progress?.done ?? 0} max={Math.max(1, e.progress?.total ?? 0)} aria-label={`Export ${e.id} progress`} />
                  <span className="text-muted">
                    {e.progress ? `${formatCount(e.progress.done)} / ${formatCount(e.progress.total)}` : "starting…"}
                  </span>
                  <Button onClick={() => cancel.mutate({ id: e.id })}>Cancel</Button>
                </>
              ) : e.status === "done" ? (
                <>
                  <span className="text-muted">
                    {formatCount(e.trajectoryCount ?? 0)} trajectories · {formatBytes(e.bytes ?? 0)}
                  </span>
                  <a className="underline" href={`/api/exports/${e.id}`} download>
                    Download .zip
                  </a>
                </>
              ) : (
                <span className={e.status === "failed" ? "text-danger" : "text-muted"}>
                  {e.status}
                  {e.error ? `: ${e.error}` : ""}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}

      <details className="mt-3">
        <summary className="cursor-pointer text-xs text-muted">
          Students trained on v{v.version} ({v.students.length})
        </summary>
        {v.students.length > 0 && (
          <ul className="mt-2 space-y-0.5 text-xs" aria-label="Student results">
            {v.students.map((s) => (
              <li key={s.id}>
                <span className="font-mono">{s.studentModel}</span> · {s.benchmark} · <strong>{s.score}</strong>
                {s.notes ? <span className="text-muted"> · {s.notes}</span> : null}
              </li>
            ))}
          </ul>
        )}
        <form className="mt-2 flex flex-wrap items-center gap-2" onSubmit={addStudent} aria-label={`Record a student of version ${v.version}`}>
          <input name="model" required placeholder="student model" aria-label="Student model" className={`${field} w-40`} />
          <input name="benchmark" required placeholder="benchmark" aria-label="Benchmark" className={`${field} w-40`} />
          <input name="score" required inputMode="decimal" pattern="-?[0-9]*\.?[0-9]+" placeholder="score" aria-label="Score" className={`${field} w-20`} />
          <input name="notes" placeholder="notes" aria-label="Notes" className={`${field} w-48`} />
          <Button type="submit" disabled={student.isPending}>
            Record
          </Button>
          {student.error && (
            <span role="alert" className="text-xs text-danger">
              {student.error.message}
            </span>
          )}
        </form>
      </details>
    </article>
  );
}
