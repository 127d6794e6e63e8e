const KEYS: [string, string][] = [
  ["j / k", "next / previous action"],
  ["1", "label the step inspect"],
  ["2", "label the step act"],
  ["3", "label the step verify"],
  ["0", "label the step other"],
  ["n", "add a note to the step"],
  ["Space", "play / pause (in the replay)"],
  ["?", "show or hide these keys"],
];

/** Every key of the workbench. Labels save at once and survive a reload. */
export function KeyboardHelp({ onClose }: { onClose(): void }) {
  return (
    <div role="dialog" aria-label="Keyboard shortcuts" className="fixed inset-0 z-50 grid place-items-center bg-black/40" onClick={onClose}>
      <div className="w-80 rounded-lg border border-border bg-surface p-4 shadow-xl" onClick={(e) => e.stopPropagation()}>
        <h2 className="text-sm font-semibold">Keyboard shortcuts</h2>
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
          {KEYS.map(([key, what]) => (
            <div key={key} className="contents">
              <dt>
                <kbd className="rounded border border-border bg-subtle px-1.5 font-mono text-xs">{key}</kbd>
              </dt>
              <dd className="text-muted">{what}</dd>
            </div>
          ))}
        </dl>
        <button type="button" onClick={onClose} className="mt-4 text-xs text-muted underline">
          Close (Esc)
        </button>
      </div>
    </div>
  );
}
