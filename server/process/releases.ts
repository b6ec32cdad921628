// Releases: immutable copies of a project's process under a version.
import type { Database, Prisma } from "../store/database.ts";
import type { ReleaseDetailView, ReleaseInput, ReleaseView } from "../contracts/projects.ts";
import type { StepType } from "../contracts/steps/index.ts";
import type { Verification } from "../contracts/verification.ts";
import { FieldValidationError, NotFoundError } from "../errors.ts";
import { nextPatchVersion } from "../domain/versions.ts";
import { viewableConfig } from "./step-config.ts";

export async function suggestReleaseVersion(db: Database, projectId: string): Promise<string> {
  const releases = await db.release.findMany({ where: { projectId }, select: { version: true } });
  return nextPatchVersion(releases.map((r) => r.version));
}

export async function createRelease(db: Database, projectId: string, input: ReleaseInput): Promise<ReleaseDetailView> {
  const release = await db.$transaction(async (tx) => {
    const project = await tx.project.findUnique({ where: { id: projectId }, include: { steps: { orderBy: { position: "asc" } } } });
    if (!project) throw new NotFoundError("Project", projectId);
    if (project.steps.length === 0)
      throw new FieldValidationError([{ path: "version", message: "The process has no steps yet; add a step before creating a release" }]);
    const existing = await tx.release.findMany({ where: { projectId }, select: { version: true } });
    const version = input.version || nextPatchVersion(existing.map((r) => r.version));
    if (existing.some((r) => r.version === version))
      throw new FieldValidationError([{ path: "version", message: `Release ${version} already exists in this project` }]);
    return tx.release.create({
      data: {
        projectId,
        version,
        notes: input.notes,
        processVersion: project.processVersion,
        steps: {
          create: project.steps.map((step) => ({
            sourceStepId: step.id,
            position: step.position,
            name: step.name,
            type: step.type,
            enabled: step.enabled,
            config: step.config as Prisma.InputJsonValue,
            verification: step.verification as Prisma.InputJsonValue,
          })),
        },
      },
    });
  });
  return getRelease(db, release.id);
}

export async function listReleases(db: Database, projectId: string): Promise<ReleaseView[]> {
  if (!(await db.project.findUnique({ where: { id: projectId }, select: { id: true } }))) throw new NotFoundError("Project", projectId);
  const releases = await db.release.findMany({ where: { projectId }, orderBy: { createdAt: "desc" }, include: { _count: { select: { steps: true } } } });
  return releases.map((release) => ({
    id: release.id,
    projectId: release.projectId,
    version: release.version,
    notes: release.notes,
    createdAt: release.createdAt.toISOString(),
    stepCount: release._count.steps,
  }));
}

export async function getRelease(db: Database, releaseId: string): Promise<ReleaseDetailView> {
  const release = await db.release.findUnique({
    where: { id: releaseId },
    include: { steps: { orderBy: { position: "asc" } }, _count: { select: { deployments: true } } },
  });
  if (!release) throw new NotFoundError("Release", releaseId);
  return {
    id: release.id,
    projectId: release.projectId,
    version: release.version,
    notes: release.notes,
    createdAt: release.createdAt.toISOString(),
    stepCount: release.steps.length,
    deploymentCount: release._count.deployments,
    steps: release.steps.map((step) => ({
      id: step.id,
      sourceStepId: step.sourceStepId,
      position: step.position,
      name: step.name,
      type: step.type as StepType,
      enabled: step.enabled,
      config: viewableConfig(step.type, step.config as Record<string, unknown>),
      verification: step.verification as Verification,
    })),
  };
}
