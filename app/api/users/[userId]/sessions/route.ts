import { route } from "@/server/http/route.ts";
import { revokeSessions } from "@/server/auth/users.ts";

/** Signs the user out of every browser. */
export const DELETE = route("users:manage", async ({ context, params }) => ({ revoked: await revokeSessions(context.db, params.userId!) }));
