import { route } from "@/server/http/route.ts";
import { revokeApiToken } from "@/server/auth/api-tokens.ts";
import { recordChange } from "@/server/audit/change-trail.ts";
import { tokenRevoked } from "@/server/audit/change-events/access-events.ts";

export const DELETE = route("self", async ({ request, context, params, principal }) => {
  const token = await revokeApiToken(context.db, principal.id, params.tokenId!);
  await recordChange(context.db, { principal, request, ...tokenRevoked(token) });
  return token;
});
