import { route } from "@/server/http/route.ts";
import { deploymentTables } from "@/server/live/deployment-tables.ts";
import { liveTables } from "@/server/live/live-tables.ts";
import { engineEvents } from "@/server/deploy/engine-events.ts";
import { assertCanReadDeployment } from "@/server/auth/resource-access.ts";

/** The Kubernetes Object Status table of every step (live or frozen). */
export const GET = route("deployment:read", async ({ context, params, principal }) => {
  await assertCanReadDeployment(context.db, principal, params.deploymentId!);
  return { steps: await deploymentTables(context.db, liveTables(engineEvents()), params.deploymentId!) };
});
