import { appContext } from "@/server/context.ts";
import { fanoutHealth } from "@/server/live/fanout.ts";

export const dynamic = "force-dynamic";

/**
 * Liveness and readiness: the process is up and the database answers. Redis (the live fan-out
 * across instances) being away degrades live updates only: "degraded", still 200.
 */
export async function GET() {
  const redis = fanoutHealth();
  try {
    await appContext().db.$queryRawUnsafe("SELECT 1");
    return Response.json({ status: redis.state === "unavailable" ? "degraded" : "ok", database: "ok", redis, time: new Date().toISOString() });
  } catch (error) {
    return Response.json({ status: "unavailable", database: (error as Error).message, redis }, { status: 503 });
  }
}
