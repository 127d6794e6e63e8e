import { resolveDatabaseConfig } from "@/db/config";
import { getDatabase } from "@/db/instance";
import { VERSION, checkHealth } from "@/server/system/health";

export const dynamic = "force-dynamic";

/** 200 with {"ok":true,…} when the database answers; 503 with the reason when it does not. */
export async function GET() {
  try {
    const health = await checkHealth(await getDatabase());
    return Response.json(health, { status: health.ok ? 200 : 503 });
  } catch (error) {
    const db = resolveDatabaseConfig().kind;
    return Response.json({ ok: false, db, version: VERSION, error: (error as Error).message }, { status: 503 });
  }
}
