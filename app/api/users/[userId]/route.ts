import { route, readBody } from "@/server/http/route.ts";
import { userUpdateInput } from "@/server/contracts/users.ts";
import { getUser, updateUser } from "@/server/auth/users.ts";
import { recordChanges } from "@/server/audit/change-trail.ts";
import { userUpdated } from "@/server/audit/change-events/access-events.ts";

export const GET = route("users:manage", ({ context, params }) => getUser(context.db, params.userId!));
export const PATCH = route("users:manage", async ({ request, context, params, principal }) => {
  const input = await readBody(request, userUpdateInput);
  const before = await getUser(context.db, params.userId!);
  const user = await updateUser(context.db, principal.id, params.userId!, input);
  await recordChanges(context.db, { principal, request }, userUpdated(before, user, input));
  return user;
});
