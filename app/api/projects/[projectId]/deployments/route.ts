import { route, readBody } from "@/server/http/route.ts";
import { deploymentInput } from "@/server/contracts/projects.ts";
import { createDeployment, listDeployments } from "@/server/process/deployments.ts";
import { canReadDeployment } from "@/server/auth/permissions.ts";
import { recordChange } from "@/server/audit/change-trail.ts";
import { deploymentCreated } from "@/server/audit/change-events/process-events.ts";

export const GET = route("deployment:read", ({ context, params, principal }) =>
  listDeployments(context.db, { projectId: params.projectId!, finishedOnly: !canReadDeployment(principal, { finishedAt: null }) }),
);
export const POST = route("deployment:create", async ({ request, context, params, principal }) => {
  const deployment = await createDeployment(context.db, params.projectId!, await readBody(request, deploymentInput), principal);
  context.executor.enqueue(deployment.id);
  await recordChange(context.db, { principal, request, ...deploymentCreated(deployment) });
  return deployment;
});
