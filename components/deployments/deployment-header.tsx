// Who deployed what where, its status, its times, its steps as a segmented bar and the
// deployment's message.
import Link from "next/link";
import type { DeploymentView } from "@/server/contracts/projects.ts";
import { Breadcrumbs } from "@/components/projects/breadcrumbs.tsx";
import { StatusBadge } from "./status-badge.tsx";
import { Timestamp } from "./timestamp.tsx";
import { Duration } from "./duration.tsx";
import { StepSegments } from "./step-segments.tsx";

export function DeploymentHeader({ deployment }: { deployment: DeploymentView }) {
  const project = `/projects/${deployment.projectId}`;
  return (
    <div className="flex flex-col gap-3">
      <Breadcrumbs items={[{ label: "Projects", href: "/" }, { label: deployment.projectName, href: project }, { label: "Deployment" }]} />
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">
          Deploy {deployment.releaseVersion} to {deployment.environmentName}
        </h1>
        <StatusBadge status={deployment.status} />
      </div>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm sm:grid-cols-4 lg:grid-cols-7">
        <HeaderItem label="Project">
          <Link href={project} className="text-blue-700 hover:underline">
            {deployment.projectName}
          </Link>
        </HeaderItem>
        <HeaderItem label="Release">
          <Link href={`${project}/releases/${deployment.releaseId}`} className="text-blue-700 hover:underline">
            {deployment.releaseVersion}
          </Link>
        </HeaderItem>
        <HeaderItem label="Environment">
          <Link href={`/environments/${deployment.environmentId}`} className="text-blue-700 hover:underline">
            {deployment.environmentName}
          </Link>
        </HeaderItem>
        <HeaderItem label="Queued">
          <Timestamp iso={deployment.createdAt} />
        </HeaderItem>
        <HeaderItem label="Started">
          <Timestamp iso={deployment.startedAt} fallback="Not started" />
        </HeaderItem>
        <HeaderItem label="Finished">
          <Timestamp iso={deployment.finishedAt} fallback="Not finished" />
        </HeaderItem>
        <HeaderItem label="Duration">
          <Duration start={deployment.startedAt} end={deployment.finishedAt} fallback="Not started" />
        </HeaderItem>
      </dl>
      <StepSegments steps={deployment.steps} />
      {deployment.message ? (
        <p role="status" className="rounded-md border border-slate-200 bg-white px-4 py-3 text-sm text-slate-800">
          {deployment.message}
        </p>
      ) : null}
    </div>
  );
}

function HeaderItem({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-slate-900">{children}</dd>
    </div>
  );
}
