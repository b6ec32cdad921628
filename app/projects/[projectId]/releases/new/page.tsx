import type { Metadata } from "next";
import Link from "next/link";
import { appContext } from "@/server/context.ts";
import { getProject } from "@/server/process/projects.ts";
import { suggestReleaseVersion } from "@/server/process/releases.ts";
import { Notice } from "@/components/ui/notice.tsx";
import { orNotFound } from "@/components/projects/or-not-found.ts";
import { Breadcrumbs } from "@/components/projects/breadcrumbs.tsx";
import { ReleaseForm } from "@/components/releases/release-form.tsx";
import { requirePagePermission } from "@/server/auth/page-auth.ts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Create release" };

export default async function NewReleasePage({ params }: { params: Promise<{ projectId: string }> }) {
  await requirePagePermission("project:write");
  const { db } = appContext();
  const project = await orNotFound(getProject(db, (await params).projectId));
  const suggestedVersion = await suggestReleaseVersion(db, project.id);
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-6">
      <div className="flex flex-col gap-2">
        <Breadcrumbs items={[{ label: "Projects", href: "/" }, { label: project.name, href: `/projects/${project.id}` }, { label: "Create release" }]} />
        <h1 className="text-2xl font-semibold">Create release</h1>
        <p className="text-sm text-slate-600">
          A release freezes {project.stepCount === 0 ? "the steps" : project.stepCount === 1 ? "the 1 step" : `the ${project.stepCount} steps`} of the current
          process and their configuration. Later changes to the process do not change it.
        </p>
      </div>
      {/* Nothing to release without steps: say so instead of a form that can only be refused. */}
      {project.stepCount === 0 ? (
        <Notice tone="warning">
          The process has no steps yet;{" "}
          <Link href={`/projects/${project.id}#process`} className="font-medium underline">
            add a step
          </Link>{" "}
          before creating a release.
        </Notice>
      ) : (
        <ReleaseForm projectId={project.id} suggestedVersion={suggestedVersion} />
      )}
    </div>
  );
}
