"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { cn } from "@/components/ui/cn";
import type { ListView, Range } from "./list-params";

const field = "h-7 rounded-md border border-border bg-surface px-2 text-xs";

/** The list's filters; every change goes into the URL. Text fields apply on Enter or blur. */
export function ListFilters({ view, onChange }: { view: ListView; onChange(view: ListView): void }) {
  const trpc = useTRPC();
  const { data: agents } = useQuery(trpc.agents.list.queryOptions());
  const set = (filter: Partial<ListView["filter"]>) => onChange({ ...view, filter: dropEmpty({ ...view.filter, ...filter }) });

  return (
    <form role="search" aria-label="Filter trajectories" className="flex flex-wrap items-end gap-3" onSubmit={(e) => e.preventDefault()}>
      <label className="flex min-w-64 flex-[2] flex-col gap-1 text-[11px] text-muted">
        Search commands and outputs
        <TextField
          key={`q:${view.filter.text ?? ""}`}
          type="search"
          width="w-full"
          value={view.filter.text ?? ""}
          placeholder="permission denied   -pytest   conf*"
          title="Every word must appear in a command or output (any language). -word excludes, word* matches a prefix."
          onCommit={(text) => set({ text: text || undefined })}
        />
      </label>
      <label className="flex min-w-48 flex-1 flex-col gap-1 text-[11px] text-muted">
        A command containing
        <TextField
          key={`cmd:${view.filter.command ?? ""}`}
          width="w-full"
          mono
          value={view.filter.command ?? ""}
          placeholder="pip install"
          title="Trajectories with at least one command containing this text (any case)."
          trim={false}
          onCommit={(command) => set({ command: command.trim() ? command : undefined })}
        />
      </label>
      <label className="flex flex-col gap-1 text-[11px] text-muted">
        After the last act
        <select className={field} value={view.filter.loop ?? ""} onChange={(e) => set({ loop: (e.target.value || undefined) as ListView["filter"]["loop"] })}>
          <option value="">any</option>
          <option value="open">no verify (open loop)</option>
          <option value="closed">a verify (closed loop)</option>
        </select>
      </label>
      <label className="flex flex-col gap-1 text-[11px] text-muted">
        Task
        <TextField key={`task:${view.filter.task ?? ""}`} value={view.filter.task ?? ""} placeholder="name contains…" onCommit={(task) => set({ task: task || undefined })} />
      </label>
      <label className="flex flex-col gap-1 text-[11px] text-muted">
        Agent
        <select className={cn(field, "max-w-56")} value={view.filter.agents?.[0] ?? ""} onChange={(e) => set({ agents: e.target.value ? [e.target.value] : undefined })}>
          <option value="">all agents</option>
          {agents?.map((a) => (
            <option key={a.id} value={a.name}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-[11px] text-muted">
        Outcome
        <select className={field} value={view.filter.outcome ?? ""} onChange={(e) => set({ outcome: (e.target.value || undefined) as ListView["filter"]["outcome"] })}>
          <option value="">any</option>
          <option value="resolved">resolved</option>
          <option value="failed">failed</option>
          <option value="unknown">unknown</option>
        </select>
      </label>
      {(["egs", "tor", "var"] as const).map((key) => (
        <RangeField key={`${key}:${view.filter[key]?.min}:${view.filter[key]?.max}`} label={key.toUpperCase()} percent range={view.filter[key]} onCommit={(r) => set({ [key]: r })} />
      ))}
      <RangeField key={`steps:${view.filter.steps?.min}:${view.filter.steps?.max}`} label="Steps" range={view.filter.steps} onCommit={(steps) => set({ steps })} />
      {Object.keys(view.filter).length > 0 && (
        <button type="button" className="h-7 text-xs text-muted underline" onClick={() => onChange({ ...view, filter: {} })}>
          Clear filters
        </button>
      )}
    </form>
  );
}

type TextFieldProps = {
  value: string;
  placeholder?: string;
  title?: string;
  type?: "text" | "search";
  width?: string;
  mono?: boolean;
  /** Trim the text before committing (a command fragment's spaces mean something). */
  trim?: boolean;
  onCommit(value: string): void;
};

function TextField({ value, placeholder, title, type = "text", width = "w-40", mono = false, trim = true, onCommit }: TextFieldProps) {
  // Remounted (by key) when the URL's value changes, so the field starts from it.
  const [text, setText] = useState(value);
  const commit = () => {
    const next = trim ? text.trim() : text;
    if (next !== value) onCommit(next);
  };
  return (
    <input
      type={type}
      className={cn(field, width, mono && "font-mono")}
      value={text}
      placeholder={placeholder}
      title={title}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === "Enter" && commit()}
    />
  );
}

/** A min–max pair; metrics are typed as percentages (50 means 0.5). */
function RangeField({ label, range, percent = false, onCommit }: { label: string; range?: Range; percent?: boolean; onCommit(range: Range | undefined): void }) {
  const shown = (v?: number) => (v === undefined ? "" : String(percent ? Math.round(v * 1000) / 10 : v));
  const read = (text: string) => (text.trim() === "" || Number.isNaN(Number(text)) ? undefined : percent ? Number(text) / 100 : Number(text));
  const commit = (min: string, max: string) => {
    const next = { min: read(min), max: read(max) };
    onCommit(next.min === undefined && next.max === undefined ? undefined : dropEmpty(next));
  };
  // Remounted (by key) when the URL's range changes, so the fields start from it.
  const [min, setMin] = useState(shown(range?.min));
  const [max, setMax] = useState(shown(range?.max));
  const input = (value: string, setValue: (v: string) => void, name: string) => (
    <input
      aria-label={`${label} ${name}${percent ? " (%)" : ""}`}
      inputMode="decimal"
      className={`${field} w-14`}
      value={value}
      placeholder={name}
      onChange={(e) => setValue(e.target.value)}
      onBlur={() => commit(min, max)}
      onKeyDown={(e) => e.key === "Enter" && commit(min, max)}
    />
  );
  return (
    <fieldset className="flex flex-col gap-1 text-[11px] text-muted">
      <legend className="mb-1">
        {label}
        {percent ? " %" : ""}
      </legend>
      <div className="flex items-center gap-1">
        {input(min, setMin, "min")}–{input(max, setMax, "max")}
      </div>
    </fieldset>
  );
}

function dropEmpty<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
