import { route, readBody } from "@/server/http/route.ts";
import { stepUpdateInput } from "@/server/contracts/steps/index.ts";
import { deleteStep, getStep, updateStep } from "@/server/process/steps.ts";

export const GET = route("project:read", ({ context, params }) => getStep(context.db, params.projectId!, params.stepId!));
export const PUT = route("project:write", async ({ request, context, params }) =>
  updateStep(context.db, context.sealer, params.projectId!, params.stepId!, await readBody(request, stepUpdateInput)),
);
export const DELETE = route("project:write", ({ context, params }) => deleteStep(context.db, params.projectId!, params.stepId!));
