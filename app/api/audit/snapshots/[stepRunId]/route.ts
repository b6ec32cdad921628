// GET /api/audit/snapshots/:stepRunId: one frozen snapshot with rows, timelines and failure summary.
import { route } from "@/server/http/route.ts";
import { loadSnapshot } from "@/server/audit/snapshot.ts";

export const GET = route("audit:read", async ({ params, context }) => loadSnapshot(context.db, params.stepRunId ?? ""));
