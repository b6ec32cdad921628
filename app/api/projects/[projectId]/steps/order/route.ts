import { route, readBody } from "@/server/http/route.ts";
import { stepOrderInput } from "@/server/contracts/steps/index.ts";
import { reorderSteps } from "@/server/process/steps.ts";

export const PUT = route("project:write", async ({ request, context, params }) => {
  const input = await readBody(request, stepOrderInput);
  return reorderSteps(context.db, params.projectId!, input.stepIds, input.expectedProcessVersion);
});
