import { route } from "@/server/http/route.ts";
import { objectDetails } from "@/server/live/object-details.ts";
import { liveTables } from "@/server/live/live-tables.ts";
import { engineEvents } from "@/server/deploy/engine-events.ts";

/** Details of one row for the drawer: manifest, observed state, timeline, events, container problems. */
export const GET = route("read", ({ context, params }) =>
  objectDetails(context.db, context.sealer, liveTables(engineEvents()), params.stepRunId!, decodeURIComponent(params.key!)),
);
