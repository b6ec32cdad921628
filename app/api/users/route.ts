import { route, readBody } from "@/server/http/route.ts";
import { userCreateInput } from "@/server/contracts/users.ts";
import { createLocalUser, listUsers } from "@/server/auth/users.ts";
import { recordChange } from "@/server/audit/change-trail.ts";
import { userCreated } from "@/server/audit/change-events/access-events.ts";

export const GET = route("users:manage", ({ context }) => listUsers(context.db));
export const POST = route("users:manage", async ({ request, context, principal }) => {
  const user = await createLocalUser(context.db, context.auth, await readBody(request, userCreateInput));
  await recordChange(context.db, { principal, request, ...userCreated(user) });
  return user;
});
