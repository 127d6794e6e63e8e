import type { ButtonHTMLAttributes } from "react";
import { cn } from "./cn";

type Variant = "secondary" | "primary";

const VARIANTS: Record<Variant, string> = {
  secondary: "border border-border bg-surface text-text shadow-xs hover:bg-subtle",
  primary: "bg-accent text-accent-fg shadow-xs hover:bg-accent/90",
};

export function Button({
  variant = "secondary",
  className,
  type = "button",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return (
    <button
      type={type}
      className={cn(
        "inline-flex h-7 items-center gap-1.5 rounded-md px-2.5 text-xs font-medium transition-colors disabled:cursor-not-allowed disabled:opacity-60",
        VARIANTS[variant],
        className,
      )}
      {...props}
    />
  );
}
