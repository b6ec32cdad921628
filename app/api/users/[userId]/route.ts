import { route, readBody } from "@/server/http/route.ts";
import { userUpdateInput } from "@/server/contracts/users.ts";
import { getUser, updateUser } from "@/server/auth/users.ts";

export const GET = route("users:manage", ({ context, params }) => getUser(context.db, params.userId!));
export const PATCH = route("users:manage", async ({ request, context, params, principal }) =>
  updateUser(context.db, principal.id, params.userId!, await readBody(request, userUpdateInput)),
);
