// A frozen snapshot's rows as an indented tree table; each row's status timeline sits in a
// native <details> expander (keyboard-usable, no script needed).
import type { SnapshotObject } from "@/server/contracts/audit.ts";
import { Timestamp } from "@/components/deployments/timestamp.tsx";
import { RowStatusLabel } from "@/components/object-status/row-status.tsx";
import { treeOrder } from "@/server/audit/tree-order.ts";

export function SnapshotObjectTable({ objects }: { objects: SnapshotObject[] }) {
  return (
    <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Objects in this snapshot">
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
            Summary
          </th>
          <th scope="col" className="px-3 py-2">
            Message
          </th>
          <th scope="col" className="px-3 py-2">
            Last change
          </th>
          <th scope="col" className="px-3 py-2">
            Timeline
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 align-top">
        {treeOrder(objects).map(({ row, depth }) => (
          <tr key={row.objectKey} data-object-key={row.objectKey}>
            <td className="min-w-56 px-3 py-2 font-medium [overflow-wrap:anywhere]" style={{ paddingLeft: `${0.75 + depth * 1.25}rem` }}>
              {depth > 0 ? (
                <span aria-hidden="true" className="mr-1 text-slate-400">
                  └
                </span>
              ) : null}
              {row.name}
            </td>
            <td className="px-3 py-2">{row.kind}</td>
            <td className="px-3 py-2">{row.namespace || "—"}</td>
            <td className="px-3 py-2">
              <RowStatusLabel status={row.status} />
            </td>
            <td className="px-3 py-2">{row.summary}</td>
            <td className="max-w-md px-3 py-2 break-words text-slate-700">{row.message}</td>
            <td className="px-3 py-2 whitespace-nowrap">
              <Timestamp iso={row.lastChangeAt} />
            </td>
            <td className="min-w-56 px-3 py-2">
              <details>
                <summary className="cursor-pointer text-blue-700">
                  Timeline{" "}
                  <span className="sr-only">
                    of {row.kind} {row.name}
                  </span>{" "}
                  ({row.timeline.length})
                </summary>
                {row.timeline.length === 0 ? (
                  <p className="mt-1 text-slate-500">No status changes were recorded.</p>
                ) : (
                  <ol className="mt-1 flex flex-col gap-1">
                    {row.timeline.map((entry, index) => (
                      <li key={`${entry.at}-${index}`} className="flex flex-wrap items-center gap-2">
                        <Timestamp iso={entry.at} />
                        <RowStatusLabel status={entry.status} />
                        {entry.message ? <span className="text-slate-700">{entry.message}</span> : null}
                      </li>
                    ))}
                  </ol>
                )}
              </details>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
