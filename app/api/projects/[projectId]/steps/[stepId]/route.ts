import { route, readBody } from "@/server/http/route.ts";
import { stepUpdateInput } from "@/server/contracts/steps/index.ts";
import { deleteStep, getStep, updateStep } from "@/server/process/steps.ts";
import { recordChange } from "@/server/audit/change-trail.ts";
import { stepDeleted, stepState, stepUpdated } from "@/server/audit/change-events/process-events.ts";

export const GET = route("project:read", ({ context, params }) => getStep(context.db, params.projectId!, params.stepId!));
export const PUT = route("project:write", async ({ request, context, params, principal }) => {
  const input = await readBody(request, stepUpdateInput);
  const before = await stepState(context.db, params.stepId!);
  const step = await updateStep(context.db, context.sealer, params.projectId!, params.stepId!, input);
  await recordChange(context.db, { principal, request, ...(await stepUpdated(context.db, before, step)) });
  return step;
});
export const DELETE = route("project:write", async ({ request, context, params, principal }) => {
  const before = await stepState(context.db, params.stepId!);
  await deleteStep(context.db, params.projectId!, params.stepId!);
  if (before) await recordChange(context.db, { principal, request, ...stepDeleted(before) });
});
