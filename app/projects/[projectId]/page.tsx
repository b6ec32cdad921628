import type { Metadata } from "next";
import { appContext } from "@/server/context.ts";
import { getProject } from "@/server/process/projects.ts";
import { listSteps } from "@/server/process/steps.ts";
import { listReleases } from "@/server/process/releases.ts";
import { listDeployments } from "@/server/process/deployments.ts";
import { orNotFound } from "@/components/projects/or-not-found.ts";
import { Breadcrumbs } from "@/components/projects/breadcrumbs.tsx";
import { Card } from "@/components/projects/card.tsx";
import { LinkButton } from "@/components/projects/link-button.tsx";
import { UnreleasedChangesBanner } from "@/components/projects/unreleased-changes-banner.tsx";
import { AddStepMenu } from "@/components/projects/add-step-menu.tsx";
import { CreateReleaseAction } from "@/components/projects/create-release-action.tsx";
import { StepList } from "@/components/projects/step-list.tsx";
import { ProcessExportLinks } from "@/components/projects/process-export-links.tsx";
import { ProcessImportForm } from "@/components/projects/process-import-form.tsx";
import { ReleaseList } from "@/components/releases/release-list.tsx";
import { DeploymentList } from "@/components/deployments/deployment-list.tsx";
import { requirePagePermission } from "@/server/auth/page-auth.ts";
import { can } from "@/server/auth/permissions.ts";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ projectId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await requirePagePermission("project:read");
  const project = await orNotFound(getProject(appContext().db, (await params).projectId));
  return { title: project.name };
}

export default async function ProjectPage({ params }: Props) {
  const principal = await requirePagePermission("project:read");
  const { db } = appContext();
  const project = await orNotFound(getProject(db, (await params).projectId));
  const mayConfigure = can(principal, "project:write");
  const mayDeploy = can(principal, "deployment:create");
  const [steps, releases, deployments] = await Promise.all([
    listSteps(db, project.id),
    listReleases(db, project.id),
    listDeployments(db, { projectId: project.id }, 20),
  ]);
  const releaseIsNext = mayConfigure && project.hasUnreleasedChanges && steps.length > 0;

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <Breadcrumbs items={[{ label: "Projects", href: "/" }, { label: project.name }]} />
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div>
            <h1 className="text-2xl font-semibold">{project.name}</h1>
            {project.description ? <p className="mt-1 max-w-3xl text-sm text-slate-600">{project.description}</p> : null}
          </div>
          <div className="flex flex-wrap gap-2">
            {/* One primary action: releasing unreleased changes when there are some, else deploying. */}
            {mayConfigure ? <CreateReleaseAction projectId={project.id} stepCount={steps.length} primary={releaseIsNext} /> : null}
            {releases.length > 0 && mayDeploy ? (
              <LinkButton href={`/projects/${project.id}/deploy`} variant={releaseIsNext ? "secondary" : "primary"}>
                Deploy…
              </LinkButton>
            ) : null}
          </div>
        </div>
        <nav aria-label="Project sections" className="flex gap-4 text-sm">
          <a href="#process" className="text-blue-700 hover:underline">
            Process
          </a>
          <a href="#releases" className="text-blue-700 hover:underline">
            Releases ({releases.length})
          </a>
          <a href="#deployments" className="text-blue-700 hover:underline">
            Deployments ({deployments.length})
          </a>
        </nav>
      </div>

      {mayConfigure ? <UnreleasedChangesBanner project={project} /> : null}

      <div id="process" className="scroll-mt-4">
        <Card
          title="Deployment process"
          titleId="process-heading"
          actions={steps.length > 0 && mayConfigure ? <AddStepMenu projectId={project.id} variant="secondary" /> : null}
        >
          <StepList projectId={project.id} processVersion={project.processVersion} steps={steps} editable={mayConfigure} />
        </Card>
      </div>

      <Card title={mayConfigure ? "Import and export" : "Export"} titleId="import-export-heading">
        <div className="flex flex-col gap-5">
          <ProcessExportLinks projectId={project.id} />
          {mayConfigure ? (
            <details className="group">
              <summary className="cursor-pointer text-sm font-medium text-slate-800">Import a process…</summary>
              <div className="mt-3">
                <ProcessImportForm projectId={project.id} stepCount={steps.length} />
              </div>
            </details>
          ) : null}
        </div>
      </Card>

      <div id="releases" className="scroll-mt-4">
        <Card title="Releases" titleId="releases-heading">
          <ReleaseList projectId={project.id} releases={releases} />
        </Card>
      </div>

      <div id="deployments" className="scroll-mt-4">
        <Card title="Deployments" titleId="deployments-heading">
          <DeploymentList deployments={deployments} />
        </Card>
      </div>
    </div>
  );
}
