import { route, readBody } from "@/server/http/route.ts";
import { stepOrderInput } from "@/server/contracts/steps/index.ts";
import { reorderSteps } from "@/server/process/steps.ts";
import { recordChange } from "@/server/audit/change-trail.ts";
import { stepsReordered } from "@/server/audit/change-events/process-events.ts";

export const PUT = route("project:write", async ({ request, context, params, principal }) => {
  const input = await readBody(request, stepOrderInput);
  const steps = await reorderSteps(context.db, params.projectId!, input.stepIds, input.expectedProcessVersion);
  await recordChange(context.db, { principal, request, ...(await stepsReordered(context.db, params.projectId!, steps)) });
  return steps;
});
