import { ServiceError } from "@/server/errors";
import { saveUploadedFile } from "@/server/imports/uploads";

export const dynamic = "force-dynamic";

/** Streams one file's bytes (the raw request body) into the upload, at ?path=relative/path. */
export async function PUT(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const relPath = new URL(request.url).searchParams.get("path") ?? "";
  if (!request.body) return Response.json({ error: "The request has no body." }, { status: 400 });
  try {
    return Response.json(await saveUploadedFile(id, relPath, request.body), { status: 201 });
  } catch (error) {
    if (error instanceof ServiceError) return Response.json({ error: error.message }, { status: error.name === "NotFoundError" ? 404 : 400 });
    console.error("[trajstudio] upload failed:", error);
    return Response.json({ error: "The upload failed on the server; the details are in its log." }, { status: 500 });
  }
}
