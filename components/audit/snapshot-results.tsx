// One row per snapshot: where it comes from, its outcome, when it was taken, its object counts;
// links to the snapshot and to its deployment.
import Link from "next/link";
import type { SnapshotHit } from "@/server/contracts/audit.ts";
import { Timestamp } from "@/components/deployments/timestamp.tsx";
import { OutcomeBadge } from "./outcome-badge.tsx";
import { StatusCountList } from "./status-counts.tsx";

export function SnapshotResults({ items }: { items: SnapshotHit[] }) {
  return (
    <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Snapshots">
      <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
        <tr>
          <th scope="col" className="px-3 py-2">
            Snapshot taken at
          </th>
          <th scope="col" className="px-3 py-2">
            Project
          </th>
          <th scope="col" className="px-3 py-2">
            Environment
          </th>
          <th scope="col" className="px-3 py-2">
            Release
          </th>
          <th scope="col" className="px-3 py-2">
            Step
          </th>
          <th scope="col" className="px-3 py-2">
            Outcome
          </th>
          <th scope="col" className="px-3 py-2">
            Objects
          </th>
          <th scope="col" className="px-3 py-2">
            Deployment
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {items.map((item) => (
          <tr key={item.stepRunId} data-step-run-id={item.stepRunId}>
            <td className="px-3 py-2 whitespace-nowrap">
              <Link className="font-medium text-blue-700 underline-offset-2 hover:underline" href={`/audit/snapshots/${item.stepRunId}`}>
                <Timestamp iso={item.frozenAt} />
              </Link>
            </td>
            <td className="px-3 py-2">{item.projectName}</td>
            <td className="px-3 py-2">{item.environmentName}</td>
            <td className="px-3 py-2">{item.releaseVersion}</td>
            <td className="px-3 py-2">{item.stepName}</td>
            <td className="px-3 py-2">
              <OutcomeBadge outcome={item.outcome} />
            </td>
            <td className="px-3 py-2">
              <StatusCountList counts={item.counts} />
            </td>
            <td className="px-3 py-2">
              <Link className="text-blue-700 underline-offset-2 hover:underline" href={`/deployments/${item.deploymentId}`}>
                Open deployment
                <span className="sr-only">
                  {" "}
                  of {item.projectName} to {item.environmentName}
                </span>
              </Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
