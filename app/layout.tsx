import type { Metadata } from "next";
import type { ReactNode } from "react";
import { THEME_INIT_SCRIPT } from "@/components/shell/theme";
import { TRPCReactProvider } from "@/components/trpc/provider";
import { ShellSidebar } from "./_components/shell-sidebar";
import "./globals.css";

// Every page reads the database at request time; nothing may be prerendered at build.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Trajectory Studio", template: "%s · Trajectory Studio" },
  description: "See, score and select terminal-agent trajectories that show their work against the environment.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // The inline script sets class and color-scheme on <html> before React hydrates.
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* A constant string of our own (no user data): applies the stored theme before first paint. */}
        <script dangerouslySetInnerHTML={{ __html: THEME_INIT_SCRIPT }} />
      </head>
      <body>
        <a
          href="#main"
          className="sr-only rounded-md bg-surface px-3 py-2 text-sm shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50"
        >
          Skip to content
        </a>
        <TRPCReactProvider>
          <div className="md:flex">
            <ShellSidebar />
            <main id="main" className="min-w-0 flex-1">
              <div className="mx-auto w-full max-w-[1400px] px-4 py-6 sm:px-6 md:px-8 md:py-8">{children}</div>
            </main>
          </div>
        </TRPCReactProvider>
      </body>
    </html>
  );
}
