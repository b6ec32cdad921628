import { appContext } from "@/server/context.ts";

export const dynamic = "force-dynamic";

/** Liveness and readiness: the process is up and the database answers. */
export async function GET() {
  try {
    await appContext().db.$queryRawUnsafe("SELECT 1");
    return Response.json({ status: "ok", database: "ok", time: new Date().toISOString() });
  } catch (error) {
    return Response.json({ status: "unavailable", database: (error as Error).message }, { status: 503 });
  }
}
