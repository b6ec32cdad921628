// GET /api/audit/export?format=json|csv&mode=objects|snapshots&…filters: a search result as a
// streamed download of at most `limit` (≤ 100,000) rows.
import { route } from "@/server/http/route.ts";
import { auditExportQuery } from "@/server/contracts/audit.ts";
import { attachmentHeaders, exportSearch } from "@/server/audit/export.ts";
import { queryParams } from "@/server/audit/query-params.ts";

export const GET = route("audit:read", async ({ request, context }) => {
  const query = auditExportQuery.parse(queryParams(request));
  const exportedAt = new Date();
  const name = `audit-${query.mode}-${exportedAt.toISOString().slice(0, 19).replace(/\D/g, "")}`;
  return new Response(exportSearch(context.db, query, exportedAt), { headers: attachmentHeaders(query.format, name) });
});
