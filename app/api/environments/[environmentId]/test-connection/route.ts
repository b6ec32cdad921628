import { route } from "@/server/http/route.ts";
import { testEnvironmentConnection } from "@/server/process/environments.ts";

export const POST = route("environment:write", async ({ context, params }) =>
  Response.json(await testEnvironmentConnection(context.db, context.sealer, params.environmentId!)),
);
