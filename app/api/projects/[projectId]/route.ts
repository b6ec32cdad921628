import { route, readBody } from "@/server/http/route.ts";
import { projectInput } from "@/server/contracts/projects.ts";
import { deleteProject, getProject, updateProject } from "@/server/process/projects.ts";
import { recordChange } from "@/server/audit/change-trail.ts";
import { projectDeleted, projectUpdated } from "@/server/audit/change-events/process-events.ts";

export const GET = route("project:read", ({ context, params }) => getProject(context.db, params.projectId!));
export const PUT = route("project:write", async ({ request, context, params, principal }) => {
  const input = await readBody(request, projectInput);
  const before = await getProject(context.db, params.projectId!);
  const project = await updateProject(context.db, params.projectId!, input);
  await recordChange(context.db, { principal, request, ...projectUpdated(before, project) });
  return project;
});
export const DELETE = route("project:write", async ({ request, context, params, principal }) => {
  const before = await getProject(context.db, params.projectId!);
  await deleteProject(context.db, params.projectId!);
  await recordChange(context.db, { principal, request, ...projectDeleted(before) });
});
