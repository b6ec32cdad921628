// GET /api/audit/changes/export?format=json|csv&…filters: the change trail as a streamed download
// of at most `limit` (≤ 100,000) events.
import { route } from "@/server/http/route.ts";
import { changeExportQuery } from "@/server/contracts/audit.ts";
import { attachmentHeaders } from "@/server/audit/export.ts";
import { exportChanges } from "@/server/audit/change-export.ts";
import { queryParams } from "@/server/audit/query-params.ts";

export const GET = route("audit:read", async ({ request, context }) => {
  const query = changeExportQuery.parse(queryParams(request));
  const exportedAt = new Date();
  const name = `audit-changes-${exportedAt.toISOString().slice(0, 19).replace(/\D/g, "")}`;
  return new Response(exportChanges(context.db, query, exportedAt), { headers: attachmentHeaders(query.format, name) });
});
