import { route, readBody } from "@/server/http/route.ts";
import { environmentInput } from "@/server/contracts/environments.ts";
import { createEnvironment, listEnvironments } from "@/server/process/environments.ts";
import { recordChanges } from "@/server/audit/change-trail.ts";
import { environmentCreated } from "@/server/audit/change-events/environment-events.ts";

export const GET = route("environment:read", ({ context }) => listEnvironments(context.db));
export const POST = route("environment:write", async ({ request, context, principal }) => {
  const environment = await createEnvironment(context.db, context.sealer, await readBody(request, environmentInput));
  await recordChanges(context.db, { principal, request }, environmentCreated(environment));
  return environment;
});
