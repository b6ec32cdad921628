import { route, readBody } from "@/server/http/route.ts";
import { groupMappingInput } from "@/server/contracts/users.ts";
import { createGroupMapping, listGroupMappings } from "@/server/auth/users.ts";
import { recordChange } from "@/server/audit/change-trail.ts";
import { groupMappingCreated } from "@/server/audit/change-events/access-events.ts";

export const GET = route("users:manage", ({ context }) => listGroupMappings(context.db));
export const POST = route("users:manage", async ({ request, context, principal }) => {
  const mapping = await createGroupMapping(context.db, await readBody(request, groupMappingInput));
  await recordChange(context.db, { principal, request, ...groupMappingCreated(mapping) });
  return mapping;
});
