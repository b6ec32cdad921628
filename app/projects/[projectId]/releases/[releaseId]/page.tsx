import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { appContext } from "@/server/context.ts";
import { getProject } from "@/server/process/projects.ts";
import { getRelease } from "@/server/process/releases.ts";
import { listEnvironments } from "@/server/process/environments.ts";
import { listDeployments } from "@/server/process/deployments.ts";
import { orNotFound } from "@/components/projects/or-not-found.ts";
import { Breadcrumbs } from "@/components/projects/breadcrumbs.tsx";
import { Card } from "@/components/projects/card.tsx";
import { Timestamp } from "@/components/deployments/timestamp.tsx";
import { DeploymentList } from "@/components/deployments/deployment-list.tsx";
import { ReleaseStepCard } from "@/components/releases/release-step-card.tsx";
import { DeploySection } from "@/components/releases/deploy-section.tsx";
import { deployableEnvironmentOptions } from "@/components/releases/environment-options.ts";
import { requirePagePermission } from "@/server/auth/page-auth.ts";
import { can, canDeployTo } from "@/server/auth/permissions.ts";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ projectId: string; releaseId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await requirePagePermission("project:read");
  const release = await orNotFound(getRelease(appContext().db, (await params).releaseId));
  return { title: `Release ${release.version}` };
}

export default async function ReleasePage({ params }: Props) {
  const principal = await requirePagePermission("project:read");
  const { db } = appContext();
  const { projectId, releaseId } = await params;
  const project = await orNotFound(getProject(db, projectId));
  const release = await orNotFound(getRelease(db, releaseId));
  if (release.projectId !== project.id) notFound();
  const [environments, deployments] = await Promise.all([listEnvironments(db), listDeployments(db, { projectId: project.id })]);
  const releaseDeployments = deployments.filter((deployment) => deployment.releaseId === release.id);

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <Breadcrumbs
          items={[{ label: "Projects", href: "/" }, { label: project.name, href: `/projects/${project.id}` }, { label: `Release ${release.version}` }]}
        />
        <h1 className="text-2xl font-semibold">Release {release.version}</h1>
        <p className="text-sm text-slate-600">
          Created <Timestamp iso={release.createdAt} /> · {release.stepCount} step{release.stepCount === 1 ? "" : "s"} · {release.deploymentCount} deployment
          {release.deploymentCount === 1 ? "" : "s"}
        </p>
        {release.notes ? <p className="max-w-3xl whitespace-pre-line text-sm text-slate-800">{release.notes}</p> : null}
      </div>

      {can(principal, "deployment:create") ? (
        <DeploySection
          projectId={project.id}
          title={`Deploy ${release.version}`}
          releases={[{ id: release.id, label: release.version }]}
          environments={deployableEnvironmentOptions(environments.filter((environment) => canDeployTo(principal, environment.id)))}
        />
      ) : null}

      <Card title="Frozen steps" titleId="frozen-steps-heading">
        <p className="mb-3 text-sm text-slate-600">
          This release keeps the process exactly as it was when the release was created; editing a step changes only future releases.
        </p>
        <ol className="-mx-5 divide-y divide-slate-100 border-y border-slate-100">
          {release.steps.map((step, index) => (
            <ReleaseStepCard key={step.id} step={step} index={index} />
          ))}
        </ol>
      </Card>

      <Card title="Deployments of this release" titleId="release-deployments-heading">
        <DeploymentList deployments={releaseDeployments} emptyHint="Use the Deploy form above to deploy this release." />
      </Card>
    </div>
  );
}
