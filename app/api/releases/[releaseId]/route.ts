import { route } from "@/server/http/route.ts";
import { getRelease } from "@/server/process/releases.ts";

export const GET = route("project:read", ({ context, params }) => getRelease(context.db, params.releaseId!));
