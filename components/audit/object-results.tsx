// One row per matching object, with the snapshot it belongs to.
import Link from "next/link";
import type { ObjectHit } from "@/server/contracts/audit.ts";
import { Timestamp } from "@/components/deployments/timestamp.tsx";
import { RowStatusLabel } from "@/components/object-status/row-status.tsx";
import { OutcomeBadge } from "./outcome-badge.tsx";

export function ObjectResults({ items }: { items: ObjectHit[] }) {
  return (
    <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Objects">
      <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
        <tr>
          <th scope="col" className="px-3 py-2">
            Name
          </th>
          <th scope="col" className="px-3 py-2">
            Kind
          </th>
          <th scope="col" className="px-3 py-2">
            Namespace
          </th>
          <th scope="col" className="px-3 py-2">
            Status
          </th>
          <th scope="col" className="px-3 py-2">
            Message
          </th>
          <th scope="col" className="px-3 py-2">
            Snapshot
          </th>
          <th scope="col" className="px-3 py-2">
            Outcome
          </th>
          <th scope="col" className="px-3 py-2">
            Deployment
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {items.map((item) => (
          <tr key={item.id}>
            <td className="px-3 py-2 font-medium break-all">{item.name}</td>
            <td className="px-3 py-2">{item.kind}</td>
            <td className="px-3 py-2">{item.namespace || "—"}</td>
            <td className="px-3 py-2">
              <RowStatusLabel status={item.status} />
            </td>
            <td className="max-w-md px-3 py-2 break-words text-slate-700">{item.message || "—"}</td>
            <td className="px-3 py-2 whitespace-nowrap">
              <Link className="text-blue-700 underline-offset-2 hover:underline" href={`/audit/snapshots/${item.snapshot.stepRunId}`}>
                {item.snapshot.projectName} · {item.snapshot.environmentName} · {item.snapshot.stepName}
              </Link>
              <div className="text-xs text-slate-500">
                <Timestamp iso={item.snapshot.frozenAt} />
              </div>
            </td>
            <td className="px-3 py-2">
              <OutcomeBadge outcome={item.snapshot.outcome} />
            </td>
            <td className="px-3 py-2">
              <Link className="text-blue-700 underline-offset-2 hover:underline" href={`/deployments/${item.snapshot.deploymentId}`}>
                Open deployment
              </Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
