import { route } from "@/server/http/route.ts";
import { getStepLog } from "@/server/process/deployments.ts";
import { assertCanReadDeployment } from "@/server/auth/resource-access.ts";

export const GET = route("deployment:read", async ({ context, params, principal }) => {
  await assertCanReadDeployment(context.db, principal, params.deploymentId!);
  return getStepLog(context.db, params.deploymentId!);
});
