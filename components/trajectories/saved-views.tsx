"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";

const field = "h-7 rounded-md border border-border bg-surface px-2 text-xs";

/**
 * Named views of the list, shared by the team: open one, save the current filters and sort
 * under a name (an existing name is replaced), or delete the view shown.
 */
export function SavedViews({ query, onOpen }: { query: string; onOpen(query: string): void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: views } = useQuery(trpc.views.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.views.list.queryKey() });
  const save = useMutation(trpc.views.save.mutationOptions({ onSuccess: () => (setNaming(false), refresh()) }));
  const remove = useMutation(trpc.views.delete.mutationOptions({ onSuccess: refresh }));
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState("");
  const current = views?.find((v) => v.query === query);

  return (
    <div className="flex flex-wrap items-center gap-2">
      <label className="flex items-center gap-2 text-xs text-muted">
        Saved views
        <select
          className={field}
          value={current ? String(current.id) : ""}
          onChange={(e) => {
            const view = views?.find((v) => String(v.id) === e.target.value);
            if (view) onOpen(view.query);
          }}
        >
          <option value="">{views?.length ? (current ? "" : "choose a view…") : "none saved yet"}</option>
          {views?.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
      </label>
      {naming ? (
        <form
          className="flex items-center gap-1"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate({ name, query });
          }}
        >
          <input aria-label="View name" autoFocus required maxLength={100} className={`${field} w-44`} value={name} placeholder="name this view" onChange={(e) => setName(e.target.value)} />
          <Button type="submit" disabled={save.isPending || !name.trim()}>
            Save
          </Button>
          <Button type="button" onClick={() => setNaming(false)}>
            Cancel
          </Button>
        </form>
      ) : (
        <Button type="button" onClick={() => (setName(current?.name ?? ""), setNaming(true))}>
          Save view…
        </Button>
      )}
      {current && !naming && (
        <Button type="button" disabled={remove.isPending} onClick={() => window.confirm(`Delete the saved view "${current.name}"?`) && remove.mutate({ id: current.id })}>
          Delete view
        </Button>
      )}
      {(save.error ?? remove.error) && (
        <span role="alert" className="text-xs text-danger">
          {(save.error ?? remove.error)?.message}
        </span>
      )}
    </div>
  );
}
