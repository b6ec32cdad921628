import type { Metadata } from "next";
import { appContext } from "@/server/context.ts";
import { getProject } from "@/server/process/projects.ts";
import { getStep } from "@/server/process/steps.ts";
import { STEP_TYPE_LABELS } from "@/server/contracts/steps/index.ts";
import { StepEditor } from "@/components/steps/step-editor.tsx";
import { StepPageHeader } from "@/components/steps/step-page-header.tsx";
import { loadOrNotFound } from "@/components/steps/load-or-not-found.ts";
import { requirePagePermission } from "@/server/auth/page-auth.ts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Edit step" };

export default async function EditStepPage({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string; stepId: string }>;
  searchParams: Promise<{ saved?: string | string[] }>;
}) {
  await requirePagePermission("project:write");
  const { projectId, stepId } = await params;
  const { saved } = await searchParams;
  const { db } = appContext();
  const project = await loadOrNotFound(() => getProject(db, projectId));
  const step = await loadOrNotFound(() => getStep(db, project.id, stepId));
  return (
    <>
      <StepPageHeader projectId={project.id} projectName={project.name} title={`Edit step: ${step.name}`} subtitle={STEP_TYPE_LABELS[step.type]} />
      <StepEditor
        key={`${step.id}:${step.version}`}
        mode="edit"
        step={step}
        justSaved={saved === "1"}
        projectId={project.id}
        processHref={`/projects/${project.id}`}
      />
    </>
  );
}
