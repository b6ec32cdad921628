// Deployments, newest first, each linking to its deployment page.
import Link from "next/link";
import type { DeploymentView } from "@/server/contracts/projects.ts";
import { EmptyState } from "@/components/ui/notice.tsx";
import { StatusBadge } from "./status-badge.tsx";
import { Timestamp } from "./timestamp.tsx";

export function DeploymentList({ deployments, showProject = false, emptyHint }: { deployments: DeploymentView[]; showProject?: boolean; emptyHint?: string }) {
  if (deployments.length === 0) {
    return <EmptyState title="No deployments yet">{emptyHint ?? "Deploy a release to an environment from the release's page."}</EmptyState>;
  }
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Deployments</caption>
        <thead className="text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="py-2 pr-4 font-medium">
              Deployment
            </th>
            {showProject ? (
              <th scope="col" className="py-2 pr-4 font-medium">
                Project
              </th>
            ) : null}
            <th scope="col" className="py-2 pr-4 font-medium">
              Release
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Environment
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Status
            </th>
            <th scope="col" className="py-2 font-medium">
              Created
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {deployments.map((deployment) => (
            <tr key={deployment.id}>
              <td className="py-2 pr-4">
                <Link href={`/deployments/${deployment.id}`} className="font-medium text-blue-700 hover:underline">
                  {deployment.releaseVersion} → {deployment.environmentName}
                </Link>
              </td>
              {showProject ? <td className="py-2 pr-4">{deployment.projectName}</td> : null}
              <td className="py-2 pr-4">{deployment.releaseVersion}</td>
              <td className="py-2 pr-4">{deployment.environmentName}</td>
              <td className="py-2 pr-4">
                <StatusBadge status={deployment.status} />
              </td>
              <td className="py-2 text-slate-600">
                <Timestamp iso={deployment.createdAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
