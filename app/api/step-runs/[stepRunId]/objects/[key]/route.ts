import { route } from "@/server/http/route.ts";
import { objectDetails } from "@/server/live/object-details.ts";
import { liveTables } from "@/server/live/live-tables.ts";
import { engineEvents } from "@/server/deploy/engine-events.ts";
import { assertCanReadStepRun } from "@/server/auth/resource-access.ts";

/** Details of one row for the drawer: manifest, observed state, timeline, events, container problems. */
export const GET = route("deployment:read", async ({ context, params, principal }) => {
  await assertCanReadStepRun(context.db, principal, params.stepRunId!);
  return objectDetails(context.db, context.sealer, liveTables(engineEvents()), params.stepRunId!, decodeURIComponent(params.key!));
});
