import { z } from "zod";
import { route, readBody } from "@/server/http/route.ts";
import { kubeconfigContexts } from "@/server/contracts/environments.ts";
import { MAX_KUBECONFIG_BYTES } from "@/server/contracts/limits.ts";
import { FieldValidationError } from "@/server/errors.ts";

/** Lists the contexts of an uploaded kubeconfig for the context picker (nothing is stored). */
export const POST = route("environment:write", async ({ request }) => {
  const input = await readBody(request, z.object({ kubeconfig: z.string().min(1, "Upload or paste a kubeconfig") }), MAX_KUBECONFIG_BYTES + 4096);
  const result = kubeconfigContexts(input.kubeconfig);
  if (result.error) throw new FieldValidationError([{ path: "kubeconfig", message: result.error }]);
  return Response.json({
    contexts: result.contexts.map(({ name, cluster, namespace, server }) => ({ name, cluster, namespace, server })),
    currentContext: result.currentContext,
  });
});
