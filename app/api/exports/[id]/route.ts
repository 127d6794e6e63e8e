import { getDatabase } from "@/db/instance";
import { NotFoundError, ServiceError } from "@/server/errors";
import { zipExport } from "@/server/exports/zip-export";

export const dynamic = "force-dynamic";

/** Downloads a finished export as a zip, streamed as it is built. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) return Response.json({ error: "An export id is a positive whole number." }, { status: 400 });
  try {
    const { fileName, stream } = await zipExport((await getDatabase()).db, id);
    return new Response(stream, {
      headers: { "Content-Type": "application/zip", "Content-Disposition": `attachment; filename="${fileName.replace(/[^\w.-]/g, "_")}"`, "Cache-Control": "no-store" },
    });
  } catch (error) {
    if (error instanceof NotFoundError) return Response.json({ error: error.message }, { status: 404 });
    if (error instanceof ServiceError) return Response.json({ error: error.message }, { status: 409 });
    throw error;
  }
}
