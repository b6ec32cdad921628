import { route, readBody } from "@/server/http/route.ts";
import { projectInput } from "@/server/contracts/projects.ts";
import { createProject, listProjects } from "@/server/process/projects.ts";
import { recordChange } from "@/server/audit/change-trail.ts";
import { projectCreated } from "@/server/audit/change-events/process-events.ts";

export const GET = route("project:read", ({ context }) => listProjects(context.db));
export const POST = route("project:write", async ({ request, context, principal }) => {
  const project = await createProject(context.db, await readBody(request, projectInput));
  await recordChange(context.db, { principal, request, ...projectCreated(project) });
  return project;
});
