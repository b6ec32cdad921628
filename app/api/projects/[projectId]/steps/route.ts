import { route, readBody } from "@/server/http/route.ts";
import { stepInput } from "@/server/contracts/steps/index.ts";
import { createStep, listSteps } from "@/server/process/steps.ts";
import { recordChange } from "@/server/audit/change-trail.ts";
import { stepCreated } from "@/server/audit/change-events/process-events.ts";

export const GET = route("project:read", ({ context, params }) => listSteps(context.db, params.projectId!));
export const POST = route("project:write", async ({ request, context, params, principal }) => {
  const step = await createStep(context.db, context.sealer, params.projectId!, await readBody(request, stepInput));
  await recordChange(context.db, { principal, request, ...(await stepCreated(context.db, params.projectId!, step)) });
  return step;
});
