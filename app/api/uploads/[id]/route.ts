import { ServiceError } from "@/server/errors";
import { deleteUpload } from "@/server/imports/uploads";

export const dynamic = "force-dynamic";

/** Cancels an upload and removes what was uploaded so far. */
export async function DELETE(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  try {
    await deleteUpload(id);
    return new Response(null, { status: 204 });
  } catch (error) {
    if (error instanceof ServiceError) return Response.json({ error: error.message }, { status: 404 });
    throw error;
  }
}
