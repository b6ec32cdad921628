import { route, readBody } from "@/server/http/route.ts";
import { projectInput } from "@/server/contracts/projects.ts";
import { deleteProject, getProject, updateProject } from "@/server/process/projects.ts";

export const GET = route("project:read", ({ context, params }) => getProject(context.db, params.projectId!));
export const PUT = route("project:write", async ({ request, context, params }) =>
  updateProject(context.db, params.projectId!, await readBody(request, projectInput)),
);
export const DELETE = route("project:write", ({ context, params }) => deleteProject(context.db, params.projectId!));
