import { route, readBody } from "@/server/http/route.ts";
import { importInput } from "@/server/contracts/process-document.ts";
import { importProcess } from "@/server/process/import-export.ts";
import { getProject } from "@/server/process/projects.ts";
import { recordChange } from "@/server/audit/change-trail.ts";
import { processImported } from "@/server/audit/change-events/process-events.ts";

export const POST = route("project:write", async ({ request, context, params, principal }) => {
  const input = await readBody(request, importInput);
  const before = await getProject(context.db, params.projectId!);
  const steps = await importProcess(context.db, context.sealer, params.projectId!, input.content);
  await recordChange(context.db, { principal, request, ...processImported(before, steps) });
  return steps;
});
