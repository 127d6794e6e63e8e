import Link from "next/link";
import { CodeBlock } from "@/components/ui/code-block";

/** The two ways to add data, for people who already have some. */
export function ImportMore() {
  return (
    <section aria-labelledby="import-more" className="rounded-lg border border-border bg-surface p-4">
      <h2 id="import-more" className="text-sm font-semibold">
        Import more
      </h2>
      <p className="mt-1 mb-3 text-xs text-muted">
        Files, directories or zips in any supported format. Re-importing the same content is skipped.{" "}
        <Link href="/import" className="font-medium text-accent hover:underline">
          Upload them on the Import page
        </Link>
        , or with the CLI:
      </p>
      <CodeBlock code="npx trajstudio import ./path/to/runs" />
    </section>
  );
}
