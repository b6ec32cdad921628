// The projects list: one row per project with its step count, latest release and whether the
// process has changed since that release.
import Link from "next/link";
import type { ProjectView } from "@/server/contracts/projects.ts";
import { UnreleasedBadge } from "./unreleased-badge.tsx";

export function ProjectTable({ projects }: { projects: ProjectView[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Projects</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">
              Name
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Steps
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Latest release
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Process
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {projects.map((project) => (
            <tr key={project.id} className="hover:bg-slate-50">
              <td className="px-4 py-3">
                <Link href={`/projects/${project.id}`} className="font-medium text-blue-700 hover:underline">
                  {project.name}
                </Link>
                {project.description ? <p className="mt-0.5 line-clamp-1 text-xs text-slate-500">{project.description}</p> : null}
              </td>
              <td className="px-4 py-3 tabular-nums text-slate-700">{project.stepCount}</td>
              <td className="px-4 py-3 text-slate-700">{project.latestRelease ?? <span className="text-slate-400">None yet</span>}</td>
              <td className="px-4 py-3">{project.hasUnreleasedChanges ? <UnreleasedBadge /> : <span className="text-xs text-slate-500">Up to date</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
