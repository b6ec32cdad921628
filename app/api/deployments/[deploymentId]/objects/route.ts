import { route } from "@/server/http/route.ts";
import { deploymentTables } from "@/server/live/deployment-tables.ts";
import { liveTables } from "@/server/live/live-tables.ts";
import { engineEvents } from "@/server/deploy/engine-events.ts";

/** The Kubernetes Object Status table of every step (live or frozen). */
export const GET = route("read", async ({ context, params }) => ({
  steps: await deploymentTables(context.db, liveTables(engineEvents()), params.deploymentId!),
}));
