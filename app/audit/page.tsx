import type { Metadata } from "next";
import { appContext } from "@/server/context.ts";
import { auditSearchQuery, type AuditPage, type ObjectHit, type SnapshotHit } from "@/server/contracts/audit.ts";
import { searchAudit } from "@/server/audit/search.ts";
import { zodIssues } from "@/server/http/route.ts";
import { EmptyState, Notice } from "@/components/ui/notice.tsx";
import { AuditSearchForm, type AuditFormValues } from "@/components/audit/audit-search-form.tsx";
import { SnapshotResults } from "@/components/audit/snapshot-results.tsx";
import { ObjectResults } from "@/components/audit/object-results.tsx";
import { PaginationLinks } from "@/components/audit/pagination-links.tsx";
import { ExportLinks } from "@/components/audit/export-links.tsx";
import { requirePagePermission } from "@/server/auth/page-auth.ts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Audit" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const single = (params: Record<string, string | string[] | undefined>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(params).flatMap(([key, value]) =>
      typeof value === "string" ? [[key, value]] : Array.isArray(value) && value[0] !== undefined ? [[key, value[0]]] : [],
    ),
  );

/** The filters only (no cursor, size or count switch): what an export of "this search" needs. */
function filterQuery(values: Record<string, string>): URLSearchParams {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value && !["after", "before", "limit", "total"].includes(key)) query.set(key, value);
  return query;
}

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  await requirePagePermission("audit:read");
  const values = single(await searchParams);
  const { db } = appContext();
  const [projects, environments] = await Promise.all([
    db.project.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db.environment.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  const parsed = auditSearchQuery.safeParse(values);
  const issues = parsed.success ? {} : Object.fromEntries(zodIssues(parsed.error).map((issue) => [issue.path, issue.message]));
  const page = parsed.success ? await searchAudit(db, parsed.data) : null;
  const mode = parsed.success ? parsed.data.mode : "snapshots";
  const filters = filterQuery(values);
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Audit</h1>
        <p className="mt-1 text-sm text-slate-600">
          Search the frozen Kubernetes object status snapshots of every step, across projects, environments and time.
        </p>
      </div>
      <AuditSearchForm values={values as AuditFormValues} projects={projects} environments={environments} issues={issues} />
      {page ? (
        <ResultSection page={page} mode={mode} filters={filters} />
      ) : (
        <Notice tone="error" title="Some search fields are not valid">
          <ul className="mt-1 list-disc pl-5">
            {Object.entries(issues).map(([path, message]) => (
              <li key={path}>
                {path}: {message}
              </li>
            ))}
          </ul>
        </Notice>
      )}
    </div>
  );
}

function ResultSection({
  page,
  mode,
  filters,
}: {
  page: AuditPage<SnapshotHit> | AuditPage<ObjectHit>;
  mode: "snapshots" | "objects";
  filters: URLSearchParams;
}) {
  const exportQuery = new URLSearchParams(filters);
  exportQuery.set("mode", mode);
  const noun = mode === "snapshots" ? "snapshots" : "objects";
  const one = page.total?.count === 1 && !page.total.capped;
  const total = page.total
    ? `${page.total.count.toLocaleString("en")}${page.total.capped ? "+" : ""} ${one ? noun.replace(/s$/, "") : noun} ${one ? "matches" : "match"}`
    : "";
  return (
    <section aria-labelledby="audit-results-heading" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="audit-results-heading" className="text-lg font-semibold">
          Results{" "}
          <span className="text-sm font-normal text-slate-600" aria-live="polite">
            {total}
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
      <PaginationLinks baseQuery={filters} previousCursor={page.previousCursor} nextCursor={page.nextCursor} />
    </section>
  );
}
