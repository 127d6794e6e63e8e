import type { Metadata } from "next";
import { ImportPanel } from "@/components/import/import-panel";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Import" };

export default function ImportPage() {
  return (
    <>
      <PageHeader
        title="Import"
        description="Upload agent runs from this computer, then see what was imported, what was already there and what failed."
      />
      <ImportPanel />
    </>
  );
}
