import { route } from "@/server/http/route.ts";
import { getDeployment } from "@/server/process/deployments.ts";

export const GET = route("read", ({ context, params }) => getDeployment(context.db, params.deploymentId!));
