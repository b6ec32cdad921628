// Change events of a project's process: projects, steps, process imports, releases, deployments.
// A step's configuration may hold sealed Secret values: it is compared (stepState) but only the
// names of changed fields reach an event.
import type { Database } from "../../store/database.ts";
import type { DeploymentView, ProjectView, ReleaseDetailView, StepView } from "../../contracts/projects.ts";
import type { ChangeEvent } from "../change-trail.ts";
import { changedFields, fieldList } from "./changed-fields.ts";
import { plural } from "../../domain/status/objectStatus.ts";

const MAX_LISTED_NAMES = 50;
const quoted = (name: string) => `"${name}"`;
const listed = (names: string[]) => names.slice(0, MAX_LISTED_NAMES);

export const projectCreated = (project: ProjectView): ChangeEvent => ({
  action: "project.create",
  targetType: "project",
  targetId: project.id,
  targetName: project.name,
  summary: `created project ${project.name}`,
});

export function projectUpdated(before: ProjectView, after: ProjectView): ChangeEvent {
  const fields = changedFields({ name: before.name, description: before.description }, { name: after.name, description: after.description });
  const renamed = before.name !== after.name ? ` (was ${before.name})` : "";
  return {
    action: "project.update",
    targetType: "project",
    targetId: after.id,
    targetName: after.name,
    summary: `changed project ${after.name}${renamed}: ${fieldList(fields)}`,
    details: { changedFields: fields },
  };
}

export const projectDeleted = (project: ProjectView): ChangeEvent => ({
  action: "project.delete",
  targetType: "project",
  targetId: project.id,
  targetName: project.name,
  summary: `deleted project ${project.name} with its ${plural(project.stepCount, "step")}, ${plural(project.releaseCount, "release")} and their deployments`,
  details: { stepCount: project.stepCount, releaseCount: project.releaseCount },
});

/** A step as stored, for comparing before and after a save (sealed values included, never shown). */
export type StepState = { id: string; projectId: string; projectName: string; name: string; type: string; fields: Record<string, unknown> };

export async function stepState(db: Database, stepId: string): Promise<StepState | null> {
  const step = await db.step.findUnique({ where: { id: stepId }, include: { project: { select: { name: true } } } });
  if (!step) return null;
  return {
    id: step.id,
    projectId: step.projectId,
    projectName: step.project.name,
    name: step.name,
    type: step.type,
    fields: { name: step.name, enabled: step.enabled, config: step.config, verification: step.verification },
  };
}

async function projectName(db: Database, projectId: string): Promise<string> {
  return (await db.project.findUnique({ where: { id: projectId }, select: { name: true } }))?.name ?? projectId;
}

export async function stepCreated(db: Database, projectId: string, step: StepView): Promise<ChangeEvent> {
  const project = await projectName(db, projectId);
  return {
    action: "step.create",
    targetType: "step",
    targetId: step.id,
    targetName: step.name,
    summary: `added step ${quoted(step.name)} (${step.type}) to ${project}`,
    details: { projectId, projectName: project, stepType: step.type, position: step.position },
  };
}

/** `before` was read before the save; the step is read again to compare what is stored now. */
export async function stepUpdated(db: Database, before: StepState | null, step: StepView): Promise<ChangeEvent> {
  const after = await stepState(db, step.id);
  const fields = before && after ? changedFields(before.fields, after.fields) : [];
  const renamed = before && before.name !== step.name ? ` (was ${quoted(before.name)})` : "";
  const project = after?.projectName ?? "";
  return {
    action: "step.update",
    targetType: "step",
    targetId: step.id,
    targetName: step.name,
    summary: `changed step ${quoted(step.name)}${renamed} of ${project}: ${fieldList(fields)}`,
    details: { projectId: after?.projectId ?? null, projectName: project, changedFields: fields, version: step.version },
  };
}

export async function stepEnabledChanged(db: Database, projectId: string, step: StepView): Promise<ChangeEvent> {
  const project = await projectName(db, projectId);
  return {
    action: step.enabled ? "step.enable" : "step.disable",
    targetType: "step",
    targetId: step.id,
    targetName: step.name,
    summary: `${step.enabled ? "enabled" : "disabled"} step ${quoted(step.name)} of ${project}`,
    details: { projectId, projectName: project, version: step.version },
  };
}

export const stepDeleted = (before: StepState): ChangeEvent => ({
  action: "step.delete",
  targetType: "step",
  targetId: before.id,
  targetName: before.name,
  summary: `deleted step ${quoted(before.name)} (${before.type}) of ${before.projectName}`,
  details: { projectId: before.projectId, projectName: before.projectName, stepType: before.type },
});

export async function stepsReordered(db: Database, projectId: string, steps: StepView[]): Promise<ChangeEvent> {
  const project = await projectName(db, projectId);
  const names = steps.map((step) => step.name);
  return {
    action: "step.reorder",
    targetType: "project",
    targetId: projectId,
    targetName: project,
    summary: `reordered the steps of ${project}: ${listed(names).map(quoted).join(", ")}`,
    details: { order: listed(names) },
  };
}

/** `before` is the project as it was before the import. */
export function processImported(before: ProjectView, steps: StepView[]): ChangeEvent {
  const previousStepCount = before.stepCount;
  return {
    action: "process.import",
    targetType: "project",
    targetId: before.id,
    targetName: before.name,
    summary: `imported a process of ${steps.length} step${steps.length === 1 ? "" : "s"} into ${before.name}, replacing ${previousStepCount}`,
    details: { stepCount: steps.length, previousStepCount, stepNames: listed(steps.map((step) => step.name)) },
  };
}

export async function releaseCreated(db: Database, release: ReleaseDetailView): Promise<ChangeEvent> {
  const project = await projectName(db, release.projectId);
  return {
    action: "release.create",
    targetType: "release",
    targetId: release.id,
    targetName: `${project} ${release.version}`,
    summary: `created release ${release.version} of ${project} (${release.stepCount} step${release.stepCount === 1 ? "" : "s"})`,
    details: { projectId: release.projectId, projectName: project, releaseVersion: release.version, stepCount: release.stepCount },
  };
}

export const deploymentCreated = (deployment: DeploymentView): ChangeEvent => ({
  action: "deployment.create",
  targetType: "deployment",
  targetId: deployment.id,
  targetName: `${deployment.projectName} ${deployment.releaseVersion} → ${deployment.environmentName}`,
  summary: `deployed release ${deployment.releaseVersion} of ${deployment.projectName} to ${deployment.environmentName}`,
  details: {
    projectId: deployment.projectId,
    projectName: deployment.projectName,
    releaseId: deployment.releaseId,
    releaseVersion: deployment.releaseVersion,
    environmentId: deployment.environmentId,
    environmentName: deployment.environmentName,
  },
});
