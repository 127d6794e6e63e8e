"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { cn } from "@/components/ui/cn";
import { formatCompact, formatCount } from "@/components/ui/format";
import { CloseIcon, LogoMark, MenuIcon } from "@/components/ui/icons";
import { NAV_ITEMS, isActive } from "./nav-items";
import { ThemeToggle } from "./theme-toggle";

/**
 * The app shell's navigation: a left column from `md` up, a top bar with a menu button below it.
 * Rendered once for both layouts (CSS reorders it), so there is a single "Main" nav landmark.
 */
export function Sidebar() {
  const trpc = useTRPC();
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  // Prefetched by the root layout; refreshed when stale and the window regains focus.
  const { data: counts } = useQuery(trpc.system.overview.queryOptions());

  return (
    <header className="sticky top-0 z-30 flex flex-wrap items-center border-b border-border bg-surface md:h-dvh md:w-52 md:shrink-0 md:flex-col md:flex-nowrap md:items-stretch md:border-r md:border-b-0">
      <Link
        href="/"
        onClick={() => setOpen(false)}
        className="order-1 flex h-12 items-center gap-2 px-4 text-sm font-semibold tracking-tight md:h-14"
      >
        <LogoMark />
        Trajectory Studio
      </Link>

      <div className="order-2 ml-auto flex items-center gap-2 pr-3 md:order-3 md:ml-0 md:justify-between md:border-t md:border-border md:px-4 md:py-3">
        <span className="hidden text-xs text-muted md:inline">Theme</span>
        <ThemeToggle />
        <button
          type="button"
          aria-label="Navigation menu"
          aria-expanded={open}
          aria-controls="main-nav"
          onClick={() => setOpen((o) => !o)}
          className="grid size-8 place-items-center rounded-md text-muted hover:bg-subtle hover:text-text md:hidden"
        >
          {open ? <CloseIcon /> : <MenuIcon />}
        </button>
      </div>

      <nav
        id="main-nav"
        aria-label="Main"
        className={cn(
          "order-3 basis-full border-t border-border px-2 py-2 md:order-2 md:block md:flex-1 md:basis-auto md:overflow-y-auto md:border-t-0 md:py-1",
          !open && "hidden",
        )}
      >
        <ul className="space-y-0.5">
          {NAV_ITEMS.map(({ href, label, Icon, count }) => {
            const active = isActive(href, pathname);
            const n = count && counts ? counts[count] : undefined;
            return (
              <li key={href}>
                <Link
                  href={href}
                  aria-current={active ? "page" : undefined}
                  onClick={() => setOpen(false)}
                  className={cn(
                    "group flex h-8 items-center gap-2.5 rounded-md px-2 text-sm transition-colors",
                    active ? "bg-subtle font-medium text-text" : "text-muted hover:bg-subtle hover:text-text",
                  )}
                >
                  <Icon className={cn("shrink-0", active ? "text-accent" : "text-muted group-hover:text-text")} />
                  <span className="flex-1 truncate">{label}</span>
                  {n !== undefined && (
                    <span
                      title={formatCount(n)}
                      className={cn(
                        "min-w-6 rounded px-1.5 text-center font-mono text-[11px] leading-5 tabular-nums",
                        n > 0 ? "bg-background text-muted ring-1 ring-border" : "text-muted/70",
                      )}
                    >
                      {formatCompact(n)}
                    </span>
                  )}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
    </header>
  );
}
