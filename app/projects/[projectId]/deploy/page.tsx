import type { Metadata } from "next";
import { appContext } from "@/server/context.ts";
import { getProject } from "@/server/process/projects.ts";
import { listReleases } from "@/server/process/releases.ts";
import { listEnvironments } from "@/server/process/environments.ts";
import { orNotFound } from "@/components/projects/or-not-found.ts";
import { Breadcrumbs } from "@/components/projects/breadcrumbs.tsx";
import { DeploySection } from "@/components/releases/deploy-section.tsx";
import { deployableEnvironmentOptions } from "@/components/releases/environment-options.ts";
import { requirePagePermission } from "@/server/auth/page-auth.ts";
import { canDeployTo } from "@/server/auth/permissions.ts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Deploy" };

export default async function DeployPage({ params }: { params: Promise<{ projectId: string }> }) {
  const principal = await requirePagePermission("deployment:create");
  const { db } = appContext();
  const project = await orNotFound(getProject(db, (await params).projectId));
  const [releases, environments] = await Promise.all([listReleases(db, project.id), listEnvironments(db)]);
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-6">
      <div className="flex flex-col gap-2">
        <Breadcrumbs items={[{ label: "Projects", href: "/" }, { label: project.name, href: `/projects/${project.id}` }, { label: "Deploy" }]} />
        <h1 className="text-2xl font-semibold">Deploy {project.name}</h1>
      </div>
      <DeploySection
        projectId={project.id}
        title="Deploy a release"
        releases={releases.map((release) => ({ id: release.id, label: release.version }))}
        environments={deployableEnvironmentOptions(environments.filter((environment) => canDeployTo(principal, environment.id)))}
      />
    </div>
  );
}
