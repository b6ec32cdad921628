import { route, readBody } from "@/server/http/route.ts";
import { stepInput } from "@/server/contracts/steps/index.ts";
import { createStep, listSteps } from "@/server/process/steps.ts";

export const GET = route("project:read", ({ context, params }) => listSteps(context.db, params.projectId!));
export const POST = route("project:write", async ({ request, context, params }) =>
  createStep(context.db, context.sealer, params.projectId!, await readBody(request, stepInput)),
);
