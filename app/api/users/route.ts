import { route, readBody } from "@/server/http/route.ts";
import { userCreateInput } from "@/server/contracts/users.ts";
import { createLocalUser, listUsers } from "@/server/auth/users.ts";

export const GET = route("users:manage", ({ context }) => listUsers(context.db));
export const POST = route("users:manage", async ({ request, context }) => createLocalUser(context.db, context.auth, await readBody(request, userCreateInput)));
