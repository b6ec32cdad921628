import { route, readBody } from "@/server/http/route.ts";
import { stepUpdateInput } from "@/server/contracts/steps/index.ts";
import { deleteStep, getStep, updateStep } from "@/server/process/steps.ts";

export const GET = route("read", ({ context, params }) => getStep(context.db, params.projectId!, params.stepId!));
export const PUT = route("configure", async ({ request, context, params }) =>
  updateStep(context.db, context.sealer, params.projectId!, params.stepId!, await readBody(request, stepUpdateInput)),
);
export const DELETE = route("configure", ({ context, params }) => deleteStep(context.db, params.projectId!, params.stepId!));
