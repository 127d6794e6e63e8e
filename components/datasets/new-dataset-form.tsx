"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, type ReactNode, useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";

const field = "h-7 rounded-md border border-border bg-surface px-2 text-xs";

/**
 * Creates a dataset: a name, the trajectory list's filter (prefilled when coming from "Save as
 * dataset" on the list) and the curation options. Percentages are typed as on the list (50 = 0.5).
 */
export function NewDatasetForm({ filter: initialFilter = "" }: { filter?: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const create = useMutation(
    trpc.datasets.create.mutationOptions({
      onSuccess: async (d) => {
        await queryClient.invalidateQueries({ queryKey: trpc.system.overview.queryKey() }); // the sidebar's count
        router.push(`/datasets/${encodeURIComponent(d.name)}`);
      },
    }),
  );
  const [filter, setFilter] = useState(initialFilter);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const text = (key: string) => String(f.get(key) ?? "").trim();
    const number = (key: string, scale = 1) => (text(key) === "" ? undefined : Number(text(key)) / scale);
    const budget = number("tokenBudget");
    create.mutate({
      name: text("name"),
      description: text("description") || null,
      filter,
      options: {
        minEgs: number("minEgs", 100),
        minTor: number("minTor", 100),
        outcome: f.get("failedToo") ? "any" : "resolved",
        maxPerTask: number("maxPerTask"),
        balanceTeachers: Boolean(f.get("balanceTeachers")),
        dedupe: Boolean(f.get("dedupe")),
        tokenBudget: budget === undefined ? undefined : { max: budget, family: text("tokenizer") || "o200k" },
        validationShare: number("validation", 100) ?? 0,
        seed: text("seed") || undefined,
      },
    });
  }

  return (
    <form onSubmit={submit} aria-label="New dataset" className="flex flex-col gap-3 rounded-lg border border-border bg-surface p-4 text-sm">
      <h2 className="text-sm font-semibold">New dataset</h2>
      <div className="flex flex-wrap gap-3">
        <Labeled label="Name (letters, digits, - _ .)">
          <input name="name" required pattern="[\w.\-]+" maxLength={100} className={`${field} w-56 font-mono`} placeholder="grounded-sft" />
        </Labeled>
        <Labeled label="Description" grow>
          <input name="description" maxLength={5000} className={`${field} w-full`} placeholder="what the set is for" />
        </Labeled>
      </div>
      <Labeled label="Filter (the trajectory list's URL query; empty selects everything)">
        <input name="filter" value={filter} onChange={(e) => setFilter(e.target.value)} className={`${field} w-full font-mono`} placeholder="outcome=resolved&egs=0.5-&q=pytest" />
      </Labeled>
      <fieldset className="flex flex-wrap items-end gap-3">
        <legend className="mb-1 text-[11px] text-muted">Curation</legend>
        <Labeled label="Min EGS %">
          <input name="minEgs" inputMode="decimal" className={`${field} w-16`} />
        </Labeled>
        <Labeled label="Min TOR %">
          <input name="minTor" inputMode="decimal" className={`${field} w-16`} />
        </Labeled>
        <Labeled label="Max per task">
          <input name="maxPerTask" inputMode="numeric" className={`${field} w-16`} />
        </Labeled>
        <Labeled label="Token budget">
          <input name="tokenBudget" inputMode="numeric" className={`${field} w-20`} placeholder="none" />
        </Labeled>
        <Labeled label="Tokenizer">
          <select name="tokenizer" className={field} defaultValue="o200k">
            <option value="o200k">o200k (gpt-4o, gpt-5)</option>
            <option value="cl100k">cl100k (gpt-4)</option>
            <option value="llama3">llama3</option>
            <option value="qwen">qwen (approx.)</option>
          </select>
        </Labeled>
        <Labeled label="Validation % of tasks">
          <input name="validation" inputMode="decimal" className={`${field} w-16`} placeholder="0" />
        </Labeled>
        <Labeled label="Split seed">
          <input name="seed" className={`${field} w-24`} placeholder="trajstudio" />
        </Labeled>
        <Check name="failedToo">failed runs too</Check>
        <Check name="balanceTeachers">balance teachers</Check>
        <Check name="dedupe" defaultChecked>
          dedupe near-identical runs
        </Check>
      </fieldset>
      <div className="flex items-center gap-3">
        <Button type="submit" variant="primary" disabled={create.isPending}>
          Create dataset
        </Button>
        {create.error && (
          <span role="alert" className="text-xs text-danger">
            {create.error.message}
          </span>
        )}
      </div>
    </form>
  );
}

function Labeled({ label, grow = false, children }: { label: string; grow?: boolean; children: ReactNode }) {
  return (
    <label className={`flex flex-col gap-1 text-[11px] text-muted ${grow ? "min-w-64 flex-1" : ""}`}>
      {label}
      {children}
    </label>
  );
}

function Check({ name, defaultChecked = false, children }: { name: string; defaultChecked?: boolean; children: ReactNode }) {
  return (
    <label className="flex h-7 items-center gap-1.5 text-xs">
      <input type="checkbox" name={name} defaultChecked={defaultChecked} />
      {children}
    </label>
  );
}
