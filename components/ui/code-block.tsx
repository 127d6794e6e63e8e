"use client";

import { useRef, useState } from "react";
import { cn } from "./cn";
import { CheckIcon, CopyIcon } from "./icons";

/**
 * Shell commands to copy. The `$` prompt is drawn, not part of the text, so what is copied
 * (button or selection) runs as is.
 */
export function CodeBlock({ code, label = "Copy command" }: { code: string; label?: string }) {
  const codeRef = useRef<HTMLElement>(null);
  const [state, setState] = useState<"idle" | "copied" | "selected">("idle");

  async function copy() {
    try {
      await navigator.clipboard.writeText(code);
      setState("copied");
    } catch {
      // No clipboard access (plain http on another host): select the text for Ctrl+C instead.
      if (codeRef.current) window.getSelection()?.selectAllChildren(codeRef.current);
      setState("selected");
    }
    window.setTimeout(() => setState("idle"), 1800);
  }

  return (
    <div className="flex items-start gap-2 rounded-md border border-border bg-subtle py-1.5 pr-1.5 pl-3">
      <pre className="min-w-0 flex-1 py-1 font-mono text-[13px] leading-6 whitespace-pre-wrap text-text">
        <code ref={codeRef}>
          {code.split("\n").map((line, i) => (
            <span key={i} className="flex">
              <span aria-hidden="true" className="mr-2 text-muted select-none">
                $
              </span>
              {/* Wraps at spaces; a token longer than the line breaks anywhere rather than overflow. */}
              <span className="min-w-0 [overflow-wrap:anywhere]">{line}</span>
            </span>
          ))}
        </code>
      </pre>
      <button
        type="button"
        onClick={copy}
        aria-label={label}
        title={state === "selected" ? "Selected: press Ctrl+C" : label}
        className={cn(
          "grid size-7 shrink-0 place-items-center rounded-md border border-transparent text-muted transition-colors hover:border-border hover:bg-surface hover:text-text",
          state === "copied" && "text-success hover:text-success",
        )}
      >
        {state === "copied" ? <CheckIcon /> : <CopyIcon />}
      </button>
      <span role="status" className="sr-only">
        {state === "copied" ? "Copied" : state === "selected" ? "Selected, press Ctrl+C to copy" : ""}
      </span>
    </div>
  );
}

