import { route } from "@/server/http/route.ts";
import { deleteGroupMapping } from "@/server/auth/users.ts";
import { recordChange } from "@/server/audit/change-trail.ts";
import { groupMappingDeleted } from "@/server/audit/change-events/access-events.ts";

export const DELETE = route("users:manage", async ({ request, context, params, principal }) => {
  const mapping = await deleteGroupMapping(context.db, params.mappingId!);
  await recordChange(context.db, { principal, request, ...groupMappingDeleted(mapping) });
  return mapping;
});
