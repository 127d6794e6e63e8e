import { LinkButton } from "@/components/import/link-button";
import { CodeBlock } from "@/components/ui/code-block";
import { Code } from "@/components/ui/code";
import { EmptyStateStep } from "@/components/ui/empty-state";
import { ImportIcon } from "@/components/ui/icons";
import { IMPORT_FORMATS } from "./import-formats";

/**
 * How to get trajectories in: upload in the browser, or the CLI for the database this server
 * actually uses (an embedded PGlite directory is opened by one process at a time, so importing
 * from the CLI means stopping the server first; uploads go through the server and need no stop).
 */
export function ImportGuide({ db }: { db?: "pglite" | "postgres" }) {
  return (
    <>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <LinkButton href="/import" variant="primary">
          <ImportIcon width={14} height={14} />
          Upload files
        </LinkButton>
        <p className="text-muted">Drop files or folders in the browser, or use the CLI:</p>
      </div>

      <EmptyStateStep title="1. Import runs with the CLI">
        <CodeBlock code="npx trajstudio import ./path/to/runs" />
        <p>
          Files, directories (searched recursively) and <Code>.zip</Code> archives. Each file&apos;s format is detected
          from its content:
        </p>
        <dl className="grid grid-cols-[minmax(7.5rem,max-content)_1fr] gap-x-4 gap-y-1">
          {IMPORT_FORMATS.map((f) => (
            <div key={f.name} className="contents">
              <dt className="font-medium text-text">{f.name}</dt>
              <dd>{f.detail}</dd>
            </div>
          ))}
        </dl>
      </EmptyStateStep>

      <EmptyStateStep title="2. Point it at this server's database">
        {db === "postgres" ? (
          <>
            <p>This server uses PostgreSQL. Import with the same connection string; the server can keep running.</p>
            <CodeBlock code="DATABASE_URL=postgres://user@host/db npx trajstudio import ./path/to/runs" />
          </>
        ) : (
          <>
            <p>
              {db === "pglite" ? "This server uses the embedded database (PGlite). " : ""}
              Pass the directory it was started with as <Code>--data DIR</Code> (default <Code>./.trajstudio</Code>). One
              process opens a data directory at a time: stop the server, import, then start it again.
            </p>
            <CodeBlock code={"npx trajstudio --data DIR import ./path/to/runs\nnpx trajstudio --data DIR serve"} label="Copy commands" />
            <p>
              To import while the server runs, use PostgreSQL: start both with <Code>DATABASE_URL=postgres://…</Code>.
            </p>
          </>
        )}
      </EmptyStateStep>

      <p className="text-xs text-muted">Then reload this page.</p>
    </>
  );
}
