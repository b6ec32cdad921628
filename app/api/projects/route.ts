import { route, readBody } from "@/server/http/route.ts";
import { projectInput } from "@/server/contracts/projects.ts";
import { createProject, listProjects } from "@/server/process/projects.ts";

export const GET = route("project:read", ({ context }) => listProjects(context.db));
export const POST = route("project:write", async ({ request, context }) => createProject(context.db, await readBody(request, projectInput)));
