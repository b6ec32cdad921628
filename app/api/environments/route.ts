import { route, readBody } from "@/server/http/route.ts";
import { environmentInput } from "@/server/contracts/environments.ts";
import { createEnvironment, listEnvironments } from "@/server/process/environments.ts";

export const GET = route("environment:read", ({ context }) => listEnvironments(context.db));
export const POST = route("environment:write", async ({ request, context }) =>
  createEnvironment(context.db, context.sealer, await readBody(request, environmentInput)),
);
