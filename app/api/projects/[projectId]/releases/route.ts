import { route, readBody } from "@/server/http/route.ts";
import { releaseInput } from "@/server/contracts/projects.ts";
import { createRelease, listReleases } from "@/server/process/releases.ts";

export const GET = route("project:read", ({ context, params }) => listReleases(context.db, params.projectId!));
export const POST = route("project:write", async ({ request, context, params }) =>
  createRelease(context.db, params.projectId!, await readBody(request, releaseInput)),
);
