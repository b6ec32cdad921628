// GET /api/audit/changes?…filters: the change trail (who changed what, when, from where), newest
// first, keyset-paginated like the snapshot search.
import { route } from "@/server/http/route.ts";
import { changeSearchQuery } from "@/server/contracts/audit.ts";
import { searchChanges } from "@/server/audit/change-search.ts";
import { queryParams } from "@/server/audit/query-params.ts";

export const GET = route("audit:read", async ({ request, context, principal }) =>
  searchChanges(context.db, changeSearchQuery.parse(queryParams(request)), principal),
);
