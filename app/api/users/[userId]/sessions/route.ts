import { route } from "@/server/http/route.ts";
import { getUser, revokeSessions } from "@/server/auth/users.ts";
import { recordChange } from "@/server/audit/change-trail.ts";
import { sessionsRevoked } from "@/server/audit/change-events/access-events.ts";

/** Signs the user out of every browser. */
export const DELETE = route("users:manage", async ({ request, context, params, principal }) => {
  const revoked = await revokeSessions(context.db, params.userId!);
  await recordChange(context.db, { principal, request, ...sessionsRevoked(await getUser(context.db, params.userId!), revoked) });
  return { revoked };
});
