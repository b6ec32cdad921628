import type { Metadata } from "next";
import Link from "next/link";
import { appContext } from "@/server/context.ts";
import { deploymentFilterChoices, findDeployments } from "@/server/process/deployment-list.ts";
import { deploymentListQuery } from "@/server/contracts/deployment-list.ts";
import { DeploymentList } from "@/components/deployments/deployment-list.tsx";
import { DeploymentFilters } from "@/components/deployments/deployment-filters.tsx";
import { DeploymentPagination } from "@/components/deployments/deployment-pagination.tsx";
import { Notice } from "@/components/ui/notice.tsx";
import { requirePagePermission } from "@/server/auth/page-auth.ts";
import { canReadDeployment } from "@/server/auth/permissions.ts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Deployments" };

type Props = { searchParams?: Promise<Record<string, string | string[] | undefined>> };

export default async function DeploymentsPage({ searchParams }: Props) {
  const principal = await requirePagePermission("deployment:read");
  const { db } = appContext();
  const parsed = deploymentListQuery.safeParse((await searchParams) ?? {});
  const choices = await deploymentFilterChoices(db);
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Deployments</h1>
      <div className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <DeploymentFilters projects={choices.projects} environments={choices.environments} values={parsed.success ? parsed.data : {}} />
        {parsed.success ? (
          <Results query={parsed.data} finishedOnly={!canReadDeployment(principal, { finishedAt: null })} />
        ) : (
          // A hand-edited or stale URL: say what is wrong instead of failing the page.
          <Notice tone="error" title="These filters are not valid">
            <ul className="mt-1 list-disc pl-5">
              {parsed.error.issues.map((issue) => (
                <li key={`${issue.path.join(".")}:${issue.message}`}>{issue.message}</li>
              ))}
            </ul>
            <p className="mt-2">
              <Link href="/deployments" className="underline underline-offset-2">
                Show all deployments
              </Link>
            </p>
          </Notice>
        )}
      </div>
    </div>
  );
}

async function Results({ query, finishedOnly }: { query: ReturnType<typeof deploymentListQuery.parse>; finishedOnly: boolean }) {
  const result = await findDeployments(appContext().db, query, { finishedOnly });
  const filtered = Boolean(query.project || query.environment || query.outcome);
  return (
    <>
      <DeploymentList
        deployments={result.items}
        showProject
        emptyTitle={result.total > 0 ? "No deployments on this page" : filtered ? "No deployment matches these filters" : "No deployments yet"}
        emptyHint={
          filtered || result.page > 1 ? (
            <Link href="/deployments" className="text-blue-700 underline underline-offset-2">
              Show all deployments
            </Link>
          ) : undefined
        }
      />
      {result.total > 0 ? <DeploymentPagination result={result} query={query} /> : null}
    </>
  );
}
