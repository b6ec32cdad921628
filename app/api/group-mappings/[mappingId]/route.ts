import { route } from "@/server/http/route.ts";
import { deleteGroupMapping } from "@/server/auth/users.ts";

export const DELETE = route("users:manage", ({ context, params }) => deleteGroupMapping(context.db, params.mappingId!));
