import { Button } from "./button";

/** A failed client-side fetch: a plain sentence and a retry, never the error's internals. */
export function QueryError({ what, onRetry }: { what: string; onRetry: () => void }) {
  return (
    <div role="alert" className="flex flex-wrap items-center gap-3 rounded-lg border border-danger/30 bg-danger/5 px-4 py-3 text-sm">
      <span>Could not load {what}. The server or its database did not answer.</span>
      <Button onClick={onRetry}>Try again</Button>
    </div>
  );
}
