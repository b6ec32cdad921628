import { route } from "@/server/http/route.ts";
import { getStepLog } from "@/server/process/deployments.ts";

export const GET = route("read", ({ context, params }) => getStepLog(context.db, params.deploymentId!));
