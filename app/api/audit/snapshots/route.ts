// GET /api/audit/snapshots?…filters: frozen snapshots, newest first, keyset-paginated.
import { route } from "@/server/http/route.ts";
import { auditSearchQuery } from "@/server/contracts/audit.ts";
import { searchAudit } from "@/server/audit/search.ts";
import { queryParams } from "@/server/audit/query-params.ts";

export const GET = route("audit:read", async ({ request, context }) =>
  searchAudit(context.db, { ...auditSearchQuery.parse(queryParams(request)), mode: "snapshots" }),
);
