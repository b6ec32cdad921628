import { route, readBody } from "@/server/http/route.ts";
import { environmentUpdateInput } from "@/server/contracts/environments.ts";
import { deleteEnvironment, getEnvironment, updateEnvironment } from "@/server/process/environments.ts";

export const GET = route("environment:read", ({ context, params }) => getEnvironment(context.db, params.environmentId!));
export const PUT = route("environment:write", async ({ request, context, params }) =>
  updateEnvironment(context.db, context.sealer, params.environmentId!, await readBody(request, environmentUpdateInput)),
);
export const DELETE = route("environment:write", ({ context, params }) => deleteEnvironment(context.db, params.environmentId!));
