// The snapshot view of the audit browser: search frozen step snapshots or their objects.
import { appContext } from "@/server/context.ts";
import { auditSearchQuery, type AuditPage, type ObjectHit, type SnapshotHit } from "@/server/contracts/audit.ts";
import { searchAudit } from "@/server/audit/search.ts";
import { zodIssues } from "@/server/http/route.ts";
import { EmptyState } from "@/components/ui/notice.tsx";
import { AuditSearchForm, type AuditFormValues } from "@/components/audit/audit-search-form.tsx";
import { SnapshotResults } from "@/components/audit/snapshot-results.tsx";
import { ObjectResults } from "@/components/audit/object-results.tsx";
import { PaginationLinks } from "@/components/audit/pagination-links.tsx";
import { ExportLinks } from "@/components/audit/export-links.tsx";
import { filterQuery, matchCount, pageQuery } from "./search-params.ts";
import { InvalidSearch } from "./invalid-search.tsx";

export async function SnapshotSearchView({ values }: { values: Record<string, string> }) {
  const { db } = appContext();
  const [projects, environments] = await Promise.all([
    db.project.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db.environment.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  const parsed = auditSearchQuery.safeParse(values);
  const issues = parsed.success ? {} : Object.fromEntries(zodIssues(parsed.error).map((issue) => [issue.path, issue.message]));
  const page = parsed.success ? await searchAudit(db, parsed.data) : null;
  const mode = parsed.success ? parsed.data.mode : "snapshots";
  return (
    <>
      <AuditSearchForm values={values as AuditFormValues} projects={projects} environments={environments} issues={issues} />
      {page ? <ResultSection page={page} mode={mode} filters={filterQuery(values)} pages={pageQuery(values)} /> : <InvalidSearch issues={issues} />}
    </>
  );
}

function ResultSection({
  page,
  mode,
  filters,
  pages,
}: {
  page: AuditPage<SnapshotHit> | AuditPage<ObjectHit>;
  mode: "snapshots" | "objects";
  filters: URLSearchParams;
  pages: URLSearchParams;
}) {
  const exportQuery = new URLSearchParams(filters);
  exportQuery.set("mode", mode);
  const noun = mode === "snapshots" ? "snapshots" : "objects";
  return (
    <section aria-labelledby="audit-results-heading" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="audit-results-heading" className="text-lg font-semibold">
          Results{" "}
          <span className="text-sm font-normal text-slate-600" aria-live="polite">
            {matchCount(page.total, noun)}
          </span>
        </h2>
        <ExportLinks baseHref={`/api/audit/export?${exportQuery}`} label="Export this search" />
      </div>
      {page.items.length === 0 ? (
        <EmptyState title={`No ${noun} match this search`}>
          Frozen snapshots appear here once a deployment step has finished. Try fewer filters or a wider time range.
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          {mode === "snapshots" ? <SnapshotResults items={page.items as SnapshotHit[]} /> : <ObjectResults items={page.items as ObjectHit[]} />}
        </div>
      )}
      <PaginationLinks baseQuery={pages} previousCursor={page.previousCursor} nextCursor={page.nextCursor} />
    </section>
  );
}
