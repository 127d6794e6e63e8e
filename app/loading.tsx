/** Shown while a page's data loads on navigation: the shape of a page, not a spinner. */
export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading" className="animate-pulse">
      <div className="h-6 w-40 rounded bg-subtle" />
      <div className="mt-2 h-4 w-96 max-w-full rounded bg-subtle" />
      <div className="mt-8 h-64 rounded-lg border border-border bg-surface" />
    </div>
  );
}
