"use client";

import { THEME_INIT_SCRIPT } from "@/components/shell/theme";
import "./globals.css";

/* The root layout itself failed: this replaces the whole document, so it brings its own <html>. */
export default function GlobalError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <title>Error · Trajectory Studio</title>
        <script dangerouslySetInnerHTML={{ __html: THEME_INIT_SCRIPT }} />
      </head>
      <body>
        <div role="alert" className="mx-auto mt-24 max-w-md px-6">
          <h1 className="text-base font-semibold">Trajectory Studio could not start this page</h1>
          <p className="mt-1 text-sm text-muted">
            The server or its database did not answer. Check the terminal running{" "}
            <code className="font-mono text-text">trajstudio serve</code>, then try again.
          </p>
          <button
            type="button"
            onClick={() => retry()}
            className="mt-4 h-7 rounded-md bg-accent px-2.5 text-xs font-medium text-accent-fg"
          >
            Try again
          </button>
        </div>
      </body>
    </html>
  );
}
