/** An inline command, flag or path inside a sentence. */
export function Code({ children }: { children: string }) {
  return (
    <code className="rounded bg-subtle px-1 py-px font-mono text-[0.9em] whitespace-nowrap text-text ring-1 ring-border ring-inset">
      {children}
    </code>
  );
}
