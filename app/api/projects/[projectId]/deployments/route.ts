import { route, readBody } from "@/server/http/route.ts";
import { deploymentInput } from "@/server/contracts/projects.ts";
import { createDeployment, listDeployments } from "@/server/process/deployments.ts";

export const GET = route("read", ({ context, params }) => listDeployments(context.db, { projectId: params.projectId! }));
export const POST = route("deploy", async ({ request, context, params }) => {
  const deployment = await createDeployment(context.db, params.projectId!, await readBody(request, deploymentInput));
  context.executor.enqueue(deployment.id);
  return deployment;
});
