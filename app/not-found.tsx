import Link from "next/link";

export default function NotFound() {
  return (
    <div className="max-w-xl rounded-lg border border-border bg-surface px-6 py-6">
      <p className="font-mono text-xs text-muted">404</p>
      <h1 className="mt-1 text-base font-semibold">Page not found</h1>
      <p className="mt-1 text-sm text-muted">There is nothing at this address. It may have moved, or the link may be mistyped.</p>
      <Link href="/" className="mt-4 inline-block text-sm font-medium text-accent hover:underline">
        Back to the overview
      </Link>
    </div>
  );
}
