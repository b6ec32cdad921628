import { z } from "zod";
import { route, readBody } from "@/server/http/route.ts";
import { targetInput } from "@/server/contracts/environments.ts";
import { testTargetInput } from "@/server/process/environments.ts";

const body = z.object({ target: targetInput, environmentId: z.string().optional() });

/** Tests a target before it is saved (secrets left empty are taken from environmentId's target). */
export const POST = route("environment:write", async ({ request, context }) => {
  const input = await readBody(request, body);
  return Response.json(await testTargetInput(context.sealer, input.target, input.environmentId, context.db));
});
