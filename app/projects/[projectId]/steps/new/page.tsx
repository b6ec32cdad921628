import type { Metadata } from "next";
import { appContext } from "@/server/context.ts";
import { getProject } from "@/server/process/projects.ts";
import { STEP_TYPE_LABELS } from "@/server/contracts/steps/index.ts";
import { StepEditor } from "@/components/steps/step-editor.tsx";
import { StepTypePicker, isStepType } from "@/components/steps/step-type-picker.tsx";
import { StepPageHeader } from "@/components/steps/step-page-header.tsx";
import { loadOrNotFound } from "@/components/steps/load-or-not-found.ts";
import { requirePagePermission } from "@/server/auth/page-auth.ts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New step" };

export default async function NewStepPage({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<{ type?: string | string[] }>;
}) {
  await requirePagePermission("project:write");
  const { projectId } = await params;
  const { type } = await searchParams;
  const project = await loadOrNotFound(() => getProject(appContext().db, projectId));
  if (!isStepType(type)) {
    return (
      <>
        <StepPageHeader projectId={project.id} projectName={project.name} title="Add a step" subtitle="Choose what the step deploys." />
        <StepTypePicker projectId={project.id} />
      </>
    );
  }
  return (
    <>
      <StepPageHeader projectId={project.id} projectName={project.name} title={`New step: ${STEP_TYPE_LABELS[type]}`} />
      <StepEditor key={type} mode="new" type={type} projectId={project.id} processHref={`/projects/${project.id}`} />
    </>
  );
}
