"use client";

import { useEffect } from "react";
import { Button } from "@/components/ui/button";

/*
 * A page failed to render (usually: the database did not answer). Show what to do, never the
 * error's internals; the digest matches the server log line for whoever investigates.
 */
export default function PageError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error ? String(error.digest) : undefined;

  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <div role="alert" className="max-w-xl rounded-lg border border-border bg-surface px-6 py-6">
      <h1 className="text-base font-semibold">This page could not be loaded</h1>
      <p className="mt-1 text-sm text-muted">
        Something went wrong on the server, often a database that did not answer. Trying again usually helps; if it
        keeps happening, the terminal running <code className="font-mono text-text">trajstudio serve</code> has the
        details{digest ? " under the reference below" : ""}.
      </p>
      <div className="mt-4 flex items-center gap-3">
        <Button variant="primary" onClick={() => retry()}>
          Try again
        </Button>
        {digest && <span className="font-mono text-xs text-muted">reference {digest}</span>}
      </div>
    </div>
  );
}
