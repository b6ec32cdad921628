import { route, readBody } from "@/server/http/route.ts";
import { environmentUpdateInput } from "@/server/contracts/environments.ts";
import { deleteEnvironment, getEnvironment, updateEnvironment } from "@/server/process/environments.ts";
import { recordChange, recordChanges } from "@/server/audit/change-trail.ts";
import { environmentDeleted, environmentState, environmentUpdated } from "@/server/audit/change-events/environment-events.ts";

export const GET = route("environment:read", ({ context, params }) => getEnvironment(context.db, params.environmentId!));
export const PUT = route("environment:write", async ({ request, context, params, principal }) => {
  const input = await readBody(request, environmentUpdateInput);
  const before = await environmentState(context.db, context.sealer, params.environmentId!);
  const environment = await updateEnvironment(context.db, context.sealer, params.environmentId!, input);
  await recordChanges(context.db, { principal, request }, await environmentUpdated(context.db, context.sealer, before, environment));
  return environment;
});
export const DELETE = route("environment:write", async ({ request, context, params, principal }) => {
  const before = await getEnvironment(context.db, params.environmentId!);
  await deleteEnvironment(context.db, params.environmentId!);
  await recordChange(context.db, { principal, request, ...environmentDeleted(before) });
});
