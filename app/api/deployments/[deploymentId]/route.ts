import { route } from "@/server/http/route.ts";
import { getDeployment } from "@/server/process/deployments.ts";
import { assertCanReadDeployment } from "@/server/auth/resource-access.ts";

export const GET = route("deployment:read", async ({ context, params, principal }) => {
  await assertCanReadDeployment(context.db, principal, params.deploymentId!);
  return getDeployment(context.db, params.deploymentId!);
});
