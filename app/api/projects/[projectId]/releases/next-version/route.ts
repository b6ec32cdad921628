import { route } from "@/server/http/route.ts";
import { suggestReleaseVersion } from "@/server/process/releases.ts";

export const GET = route("project:read", async ({ context, params }) => ({ version: await suggestReleaseVersion(context.db, params.projectId!) }));
