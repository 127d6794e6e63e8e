"use client";

import { useEffect, useLayoutEffect, useSyncExternalStore } from "react";
import { cn } from "@/components/ui/cn";
import { MonitorIcon, MoonIcon, SunIcon } from "@/components/ui/icons";
import { DARK_QUERY, THEME_STORAGE_KEY, type ThemeChoice, applyTheme, readThemeChoice } from "./theme";

const CHANGE_EVENT = "trajstudio:theme";

const OPTIONS: { choice: ThemeChoice; label: string; Icon: typeof SunIcon }[] = [
  { choice: "system", label: "System", Icon: MonitorIcon },
  { choice: "light", label: "Light", Icon: SunIcon },
  { choice: "dark", label: "Dark", Icon: MoonIcon },
];

function subscribe(onChange: () => void) {
  window.addEventListener("storage", onChange);
  window.addEventListener(CHANGE_EVENT, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(CHANGE_EVENT, onChange);
  };
}

function choose(choice: ThemeChoice) {
  try {
    if (choice === "system") localStorage.removeItem(THEME_STORAGE_KEY);
    else localStorage.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    /* storage disabled: the choice lasts for this page only */
  }
  applyTheme(choice);
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

/** System / Light / Dark. The server renders "System" pressed; the stored choice shows after hydration. */
export function ThemeToggle({ className }: { className?: string }) {
  const current = useSyncExternalStore(subscribe, readThemeChoice, () => "system" as const);

  // A dev-mode strict remount resets <html>'s attributes; apply again before paint (no-op in production).
  useLayoutEffect(() => applyTheme(readThemeChoice()), []);

  // Follow the OS while on "system", and choices made in other tabs.
  useEffect(() => {
    const media = window.matchMedia(DARK_QUERY);
    const sync = () => applyTheme(readThemeChoice());
    media.addEventListener("change", sync);
    window.addEventListener("storage", sync);
    return () => {
      media.removeEventListener("change", sync);
      window.removeEventListener("storage", sync);
    };
  }, []);

  return (
    <div
      role="group"
      aria-label="Color theme"
      className={cn("inline-flex items-center gap-0.5 rounded-md border border-border bg-background p-0.5", className)}
    >
      {OPTIONS.map(({ choice, label, Icon }) => (
        <button
          key={choice}
          type="button"
          aria-pressed={current === choice}
          aria-label={`${label} theme`}
          title={`${label} theme`}
          onClick={() => choose(choice)}
          className={cn(
            "grid size-6 place-items-center rounded-[5px] text-muted transition-colors hover:text-text",
            current === choice && "bg-surface text-text shadow-sm ring-1 ring-border",
          )}
        >
          <Icon width={14} height={14} />
        </button>
      ))}
    </div>
  );
}
