// Deployments, newest first, each linking to its deployment page, with its duration and one
// outcome mark per step.
import Link from "next/link";
import type { DeploymentListItem } from "@/server/contracts/deployment-list.ts";
import { EmptyState } from "@/components/ui/notice.tsx";
import { StatusBadge } from "./status-badge.tsx";
import { Timestamp } from "./timestamp.tsx";
import { Duration } from "./duration.tsx";
import { StepMarks } from "./step-segments.tsx";

type DeploymentListProps = {
  /** DeploymentView has every field of an item, so project and release pages pass theirs. */
  deployments: DeploymentListItem[];
  showProject?: boolean;
  emptyTitle?: string;
  emptyHint?: React.ReactNode;
};

export function DeploymentList({ deployments, showProject = false, emptyTitle = "No deployments yet", emptyHint }: DeploymentListProps) {
  if (deployments.length === 0) {
    return <EmptyState title={emptyTitle}>{emptyHint ?? "Deploy a release to an environment from the release's page."}</EmptyState>;
  }
  const header = "py-2 pr-4 font-medium";
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Deployments</caption>
        <thead className="text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className={header}>
              Deployment
            </th>
            {showProject ? (
              <th scope="col" className={header}>
                Project
              </th>
            ) : null}
            <th scope="col" className={header}>
              Environment
            </th>
            <th scope="col" className={header}>
              Status
            </th>
            <th scope="col" className={header}>
              Steps
            </th>
            <th scope="col" className={header}>
              Duration
            </th>
            <th scope="col" className="py-2 font-medium">
              Created
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {deployments.map((deployment) => (
            <tr key={deployment.id} data-deployment={deployment.id}>
              <td className="py-2 pr-4">
                <Link href={`/deployments/${deployment.id}`} className="font-medium text-blue-700 hover:underline">
                  {deployment.releaseVersion} → {deployment.environmentName}
                </Link>
              </td>
              {showProject ? <td className="py-2 pr-4">{deployment.projectName}</td> : null}
              <td className="py-2 pr-4">{deployment.environmentName}</td>
              <td className="py-2 pr-4">
                <StatusBadge status={deployment.status} />
              </td>
              <td className="py-2 pr-4">
                <StepMarks steps={deployment.steps} />
              </td>
              <td className="whitespace-nowrap py-2 pr-4 text-slate-700">
                <Duration start={deployment.startedAt} end={deployment.finishedAt} fallback={deployment.status === "Queued" ? "Queued" : "—"} />
              </td>
              <td className="whitespace-nowrap py-2 text-slate-600">
                <Timestamp iso={deployment.createdAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
