// A project's releases, newest first.
import Link from "next/link";
import type { ReleaseView } from "@/server/contracts/projects.ts";
import { EmptyState } from "@/components/ui/notice.tsx";
import { Timestamp } from "@/components/deployments/timestamp.tsx";

export function ReleaseList({ projectId, releases }: { projectId: string; releases: ReleaseView[] }) {
  if (releases.length === 0) {
    return <EmptyState title="No releases yet">A release freezes the current process under a version so it can be deployed.</EmptyState>;
  }
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Releases</caption>
        <thead className="text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="py-2 pr-4 font-medium">
              Version
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Steps
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Notes
            </th>
            <th scope="col" className="py-2 font-medium">
              Created
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {releases.map((release) => (
            <tr key={release.id}>
              <td className="py-2 pr-4">
                <Link href={`/projects/${projectId}/releases/${release.id}`} className="font-medium text-blue-700 hover:underline">
                  {release.version}
                </Link>
              </td>
              <td className="py-2 pr-4 tabular-nums">{release.stepCount}</td>
              <td className="max-w-md truncate py-2 pr-4 text-slate-600">{release.notes || <span className="text-slate-400">—</span>}</td>
              <td className="py-2 text-slate-600">
                <Timestamp iso={release.createdAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
