// GET /api/audit/snapshots/:stepRunId/export?format=json|csv: the snapshot as a download.
import { route } from "@/server/http/route.ts";
import { snapshotExportQuery } from "@/server/contracts/audit.ts";
import { attachmentHeaders, exportSnapshot } from "@/server/audit/export.ts";
import { queryParams } from "@/server/audit/query-params.ts";

export const GET = route("audit:read", async ({ request, params, context }) => {
  const { format } = snapshotExportQuery.parse(queryParams(request));
  const stepRunId = params.stepRunId ?? "";
  return new Response(await exportSnapshot(context.db, stepRunId, format), { headers: attachmentHeaders(format, `snapshot-${stepRunId}`) });
});
