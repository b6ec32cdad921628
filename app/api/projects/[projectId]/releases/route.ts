import { route, readBody } from "@/server/http/route.ts";
import { releaseInput } from "@/server/contracts/projects.ts";
import { createRelease, listReleases } from "@/server/process/releases.ts";
import { recordChange } from "@/server/audit/change-trail.ts";
import { releaseCreated } from "@/server/audit/change-events/process-events.ts";

export const GET = route("project:read", ({ context, params }) => listReleases(context.db, params.projectId!));
export const POST = route("project:write", async ({ request, context, params, principal }) => {
  const release = await createRelease(context.db, params.projectId!, await readBody(request, releaseInput));
  await recordChange(context.db, { principal, request, ...(await releaseCreated(context.db, release)) });
  return release;
});
