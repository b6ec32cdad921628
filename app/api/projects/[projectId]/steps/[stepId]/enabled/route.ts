import { route, readBody } from "@/server/http/route.ts";
import { stepEnabledInput } from "@/server/contracts/steps/index.ts";
import { setStepEnabled } from "@/server/process/steps.ts";

export const PUT = route("project:write", async ({ request, context, params }) => {
  const input = await readBody(request, stepEnabledInput);
  return setStepEnabled(context.db, params.projectId!, params.stepId!, input.enabled, input.expectedVersion);
});
