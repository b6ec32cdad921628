import { route, readBody } from "@/server/http/route.ts";
import { apiTokenInput } from "@/server/contracts/users.ts";
import { createApiToken, listApiTokens } from "@/server/auth/api-tokens.ts";
import { recordChange } from "@/server/audit/change-trail.ts";
import { tokenCreated } from "@/server/audit/change-events/access-events.ts";

/** The signed-in user's own API tokens; a new one is shown in this response only. */
export const GET = route("self", ({ context, principal }) => listApiTokens(context.db, principal.id));
export const POST = route("self", async ({ request, context, principal }) => {
  const created = await createApiToken(context.db, principal.id, await readBody(request, apiTokenInput));
  await recordChange(context.db, { principal, request, ...tokenCreated(created.view) });
  return created;
});
