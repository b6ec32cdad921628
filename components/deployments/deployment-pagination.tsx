// Previous / next page links of the deployments list, keeping the filters in the URL.
import Link from "next/link";
import type { DeploymentListPage, DeploymentListQuery } from "@/server/contracts/deployment-list.ts";

export function pageHref(query: Partial<DeploymentListQuery>, page: number): string {
  const params = new URLSearchParams();
  if (query.project) params.set("project", query.project);
  if (query.environment) params.set("environment", query.environment);
  if (query.outcome) params.set("outcome", query.outcome);
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return search ? `/deployments?${search}` : "/deployments";
}

export function DeploymentPagination({ result, query }: { result: DeploymentListPage; query: DeploymentListQuery }) {
  const first = result.total === 0 ? 0 : (result.page - 1) * result.pageSize + 1;
  const last = Math.min(result.total, result.page * result.pageSize);
  const link = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50";
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
      <p>
        {result.total === 0 ? "No deployments" : `${first}–${last} of ${result.total}`} · page {result.page} of {result.pageCount}
      </p>
      <div className="flex gap-2">
        {result.page > 1 ? (
          <Link href={pageHref(query, Math.min(result.page - 1, result.pageCount))} className={link} rel="prev">
            Newer
          </Link>
        ) : null}
        {result.page < result.pageCount ? (
          <Link href={pageHref(query, result.page + 1)} className={link} rel="next">
            Older
          </Link>
        ) : null}
      </div>
    </nav>
  );
}
