import { route, readBody } from "@/server/http/route.ts";
import { stepEnabledInput } from "@/server/contracts/steps/index.ts";
import { setStepEnabled } from "@/server/process/steps.ts";
import { recordChange } from "@/server/audit/change-trail.ts";
import { stepEnabledChanged } from "@/server/audit/change-events/process-events.ts";

export const PUT = route("project:write", async ({ request, context, params, principal }) => {
  const input = await readBody(request, stepEnabledInput);
  const step = await setStepEnabled(context.db, params.projectId!, params.stepId!, input.enabled, input.expectedVersion);
  await recordChange(context.db, { principal, request, ...(await stepEnabledChanged(context.db, params.projectId!, step)) });
  return step;
});
