import type { RouterOutputs } from "@/components/api-types";
import { cn } from "@/components/ui/cn";

type Health = RouterOutputs["system"]["health"];

/** Which database this server reads, and the app version: small, for whoever is debugging a setup. */
export function DatabaseStatus({ health }: { health: Health }) {
  const name = health.db === "pglite" ? "Embedded PGlite" : "PostgreSQL";
  return (
    <p className="inline-flex items-center gap-2 text-xs text-muted">
      <span
        aria-hidden="true"
        className={cn("size-1.5 rounded-full", health.ok ? "bg-success" : "bg-danger")}
      />
      <span>
        {name}
        {!health.ok && " (not answering)"}
      </span>
      <span aria-hidden="true">·</span>
      <span className="font-mono">v{health.version}</span>
    </p>
  );
}
