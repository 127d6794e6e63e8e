import { createUpload } from "@/server/imports/uploads";

export const dynamic = "force-dynamic";

/** Starts an upload; files follow with PUT /api/uploads/{id}/files?path=…, then tRPC imports.commit. */
export async function POST() {
  return Response.json(await createUpload(), { status: 201 });
}
