// Deployments: a release deployed to an environment, with one step run per release step.
import type { Database } from "../store/database.ts";
import type { DeploymentInput, DeploymentStatus, DeploymentView, LogLineView, StepRunStatus } from "../contracts/projects.ts";
import type { StepType } from "../contracts/steps/index.ts";
import { FieldValidationError, NotFoundError } from "../errors.ts";
import type { Principal } from "../auth/permissions.ts";
import { assertCanDeployTo } from "../auth/resource-access.ts";

export async function createDeployment(db: Database, projectId: string, input: DeploymentInput, requestedBy: Principal): Promise<DeploymentView> {
  const deployment = await db.$transaction(async (tx) => {
    const release = await tx.release.findFirst({ where: { id: input.releaseId, projectId }, include: { steps: { orderBy: { position: "asc" } } } });
    const environment = await tx.environment.findUnique({ where: { id: input.environmentId }, include: { target: true } });
    const issues = [];
    if (!release) issues.push({ path: "releaseId", message: "This release does not exist in this project" });
    if (!environment) issues.push({ path: "environmentId", message: "This environment does not exist" });
    else if (!environment.target) issues.push({ path: "environmentId", message: `Environment "${environment.name}" has no Kubernetes target` });
    if (issues.length) throw new FieldValidationError(issues);
    assertCanDeployTo(requestedBy, environment!);
    return tx.deployment.create({
      data: {
        projectId,
        requestedBy: requestedBy.name,
        releaseId: release!.id,
        environmentId: environment!.id,
        stepRuns: {
          create: release!.steps.map((step) => ({
            releaseStepId: step.id,
            position: step.position,
            name: step.name,
            type: step.type,
            verificationEnabled: Boolean((step.verification as { enabled?: boolean }).enabled),
            status: step.enabled ? "Pending" : "Skipped",
            outcomeMessage: step.enabled ? "" : "Step is disabled in this release",
          })),
        },
      },
    });
  });
  return getDeployment(db, deployment.id);
}

export async function getDeployment(db: Database, id: string): Promise<DeploymentView> {
  const deployment = await db.deployment.findUnique({
    where: { id },
    include: { project: true, release: true, environment: true, stepRuns: { orderBy: { position: "asc" } } },
  });
  if (!deployment) throw new NotFoundError("Deployment", id);
  return {
    id: deployment.id,
    projectId: deployment.projectId,
    projectName: deployment.project.name,
    releaseId: deployment.releaseId,
    releaseVersion: deployment.release.version,
    environmentId: deployment.environmentId,
    environmentName: deployment.environment.name,
    status: deployment.status as DeploymentStatus,
    message: deployment.message,
    createdAt: deployment.createdAt.toISOString(),
    startedAt: deployment.startedAt?.toISOString() ?? null,
    finishedAt: deployment.finishedAt?.toISOString() ?? null,
    requestedBy: deployment.requestedBy,
    steps: deployment.stepRuns.map((run) => ({
      id: run.id,
      position: run.position,
      name: run.name,
      type: run.type as StepType,
      verificationEnabled: run.verificationEnabled,
      status: run.status as StepRunStatus,
      outcomeMessage: run.outcomeMessage,
      startedAt: run.startedAt?.toISOString() ?? null,
      finishedAt: run.finishedAt?.toISOString() ?? null,
      frozenAt: run.frozenAt?.toISOString() ?? null,
      failureSummary: run.failureSummary ?? null,
    })),
  };
}

/** finishedOnly: what an auditor may see (server/auth/permissions.ts canReadDeployment). */
export async function listDeployments(
  db: Database,
  filter: { projectId?: string; environmentId?: string; finishedOnly?: boolean },
  take = 50,
): Promise<DeploymentView[]> {
  const { finishedOnly, ...where } = filter;
  const rows = await db.deployment.findMany({
    where: finishedOnly ? { ...where, finishedAt: { not: null } } : where,
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true },
  });
  return Promise.all(rows.map((row) => getDeployment(db, row.id)));
}

export async function getStepLog(db: Database, deploymentId: string, afterSeq = 0): Promise<{ stepRunId: string; lines: LogLineView[] }[]> {
  const deployment = await db.deployment.findUnique({
    where: { id: deploymentId },
    select: { stepRuns: { orderBy: { position: "asc" }, select: { id: true } } },
  });
  if (!deployment) throw new NotFoundError("Deployment", deploymentId);
  const lines = await db.stepLogLine.findMany({
    where: { stepRunId: { in: deployment.stepRuns.map((s) => s.id) }, seq: { gt: afterSeq } },
    orderBy: [{ stepRunId: "asc" }, { seq: "asc" }],
  });
  return deployment.stepRuns.map((run) => ({
    stepRunId: run.id,
    lines: lines
      .filter((line) => line.stepRunId === run.id)
      .map((line) => ({ seq: line.seq, at: line.at.toISOString(), level: line.level as LogLineView["level"], message: line.message })),
  }));
}
