import type { ReactNode } from "react";

/** What a section shows before it has data: what will be here, and how to get it here. */
export function EmptyState({
  title,
  description,
  children,
}: {
  title: string;
  description: ReactNode;
  children?: ReactNode;
}) {
  return (
    <section className="max-w-3xl rounded-lg border border-dashed border-border-strong bg-surface px-5 py-6 sm:px-6">
      <div>
        <h2 className="text-base font-semibold">{title}</h2>
        <div className="mt-1 text-sm text-muted">{description}</div>
        {children && <div className="mt-5 space-y-5 text-sm">{children}</div>}
      </div>
    </section>
  );
}

/** A numbered or titled step inside an empty state. */
export function EmptyStateStep({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div>
      <h3 className="mb-2 text-[13px] font-medium">{title}</h3>
      <div className="space-y-2 text-muted">{children}</div>
    </div>
  );
}
