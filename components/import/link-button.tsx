import Link from "next/link";
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

// The look of components/ui/button.tsx, for navigation (a link, not a button, to screen readers).
const VARIANTS = {
  secondary: "border border-border bg-surface text-text shadow-xs hover:bg-subtle",
  primary: "bg-accent text-accent-fg shadow-xs hover:bg-accent/90",
} as const;

export function LinkButton({
  href,
  variant = "secondary",
  children,
}: {
  href: string;
  variant?: keyof typeof VARIANTS;
  children: ReactNode;
}) {
  return (
    <Link
      href={href}
      className={cn("inline-flex h-7 items-center gap-1.5 rounded-md px-2.5 text-xs font-medium transition-colors", VARIANTS[variant])}
    >
      {children}
    </Link>
  );
}
