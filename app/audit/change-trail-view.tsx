// The change view of the audit browser: who created or changed what, who deployed what, when and
// from where, searchable and exportable like the snapshots.
import { appContext } from "@/server/context.ts";
import type { Principal } from "@/server/auth/permissions.ts";
import { changeSearchQuery } from "@/server/contracts/audit.ts";
import { searchChanges } from "@/server/audit/change-search.ts";
import { zodIssues } from "@/server/http/route.ts";
import { EmptyState } from "@/components/ui/notice.tsx";
import { ChangeSearchForm, type ChangeFormValues } from "@/components/audit/change-search-form.tsx";
import { ChangeResults } from "@/components/audit/change-results.tsx";
import { PaginationLinks } from "@/components/audit/pagination-links.tsx";
import { ExportLinks } from "@/components/audit/export-links.tsx";
import { filterQuery, matchCount, pageQuery } from "./search-params.ts";
import { InvalidSearch } from "./invalid-search.tsx";

export async function ChangeTrailView({ values, principal }: { values: Record<string, string>; principal: Principal }) {
  const parsed = changeSearchQuery.safeParse(values);
  const issues = parsed.success ? {} : Object.fromEntries(zodIssues(parsed.error).map((issue) => [issue.path, issue.message]));
  const page = parsed.success ? await searchChanges(appContext().db, parsed.data, principal) : null;
  const filtered = [...filterQuery(values, ["view"]).keys()].length > 0;
  return (
    <>
      <ChangeSearchForm values={values as ChangeFormValues} issues={issues} />
      {page ? (
        <section aria-labelledby="change-results-heading" className="flex flex-col gap-3">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <h2 id="change-results-heading" className="text-lg font-semibold">
              Changes{" "}
              <span className="text-sm font-normal text-slate-600" aria-live="polite">
                {matchCount(page.total, "changes")}
              </span>
            </h2>
            <ExportLinks baseHref={`/api/audit/changes/export?${filterQuery(values, ["view"])}`} label="Export these changes" />
          </div>
          {page.items.length === 0 ? (
            filtered ? (
              <EmptyState title="No changes match this search">Try fewer filters or a wider time range.</EmptyState>
            ) : (
              <EmptyState title="No changes recorded yet">
                Every change to projects, steps, releases, environments, targets, users, roles, tokens and settings, every deployment and every sign-in appears
                here, with who made it and from where.
              </EmptyState>
            )
          ) : (
            <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
              <ChangeResults items={page.items} />
            </div>
          )}
          <PaginationLinks baseQuery={pageQuery(values)} previousCursor={page.previousCursor} nextCursor={page.nextCursor} />
        </section>
      ) : (
        <InvalidSearch issues={issues} />
      )}
    </>
  );
}
