/** The optional `agent` override of an upload. */
export function TeacherField({ value, onChange, disabled }: { value: string; onChange(value: string): void; disabled?: boolean }) {
  return (
    <div className="space-y-1">
      <label htmlFor="import-teacher" className="block text-[13px] font-medium">
        Teacher name <span className="font-normal text-muted">(optional)</span>
      </label>
      <input
        id="import-teacher"
        type="text"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        disabled={disabled}
        maxLength={200}
        autoComplete="off"
        spellCheck={false}
        placeholder="e.g. terminus-2/claude-opus-4.6"
        aria-describedby="import-teacher-hint"
        className="h-8 w-full max-w-sm rounded-md border border-border bg-surface px-2.5 text-sm shadow-xs placeholder:text-muted/70 disabled:opacity-60"
      />
      <p id="import-teacher-hint" className="text-xs text-muted">
        Overrides the agent name of everything in this upload. Leave empty to keep the name each file records (harness
        and model).
      </p>
    </div>
  );
}
