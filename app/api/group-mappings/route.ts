import { route, readBody } from "@/server/http/route.ts";
import { groupMappingInput } from "@/server/contracts/users.ts";
import { createGroupMapping, listGroupMappings } from "@/server/auth/users.ts";

export const GET = route("users:manage", ({ context }) => listGroupMappings(context.db));
export const POST = route("users:manage", async ({ request, context }) => createGroupMapping(context.db, await readBody(request, groupMappingInput)));
