import { route, readBody } from "@/server/http/route.ts";
import { apiTokenInput } from "@/server/contracts/users.ts";
import { createApiToken, listApiTokens } from "@/server/auth/api-tokens.ts";

/** The signed-in user's own API tokens; a new one is shown in this response only. */
export const GET = route("self", ({ context, principal }) => listApiTokens(context.db, principal.id));
export const POST = route("self", async ({ request, context, principal }) => createApiToken(context.db, principal.id, await readBody(request, apiTokenInput)));
