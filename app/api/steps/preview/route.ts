import { route, readBody } from "@/server/http/route.ts";
import { stepInput } from "@/server/contracts/steps/index.ts";
import { previewYaml } from "@/server/process/step-preview.ts";

/** Validates a step form and returns the YAML it will apply (nothing is stored). */
export const POST = route("project:write", async ({ request }) => Response.json({ yaml: previewYaml(await readBody(request, stepInput)) }));
