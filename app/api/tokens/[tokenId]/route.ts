import { route } from "@/server/http/route.ts";
import { revokeApiToken } from "@/server/auth/api-tokens.ts";

export const DELETE = route("self", ({ context, params, principal }) => revokeApiToken(context.db, principal.id, params.tokenId!));
