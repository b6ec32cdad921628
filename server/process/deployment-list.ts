// The deployments list: filters (project, environment, outcome), newest first, one page at a
// time, with each deployment's steps for their outcome marks. One query for the page (steps
// included) and one count; the (projectId, createdAt) and (environmentId, status) indexes serve
// the filters.
import type { Database } from "../store/database.ts";
import type { DeploymentStatus, StepRunStatus } from "../contracts/projects.ts";
import { DEPLOYMENT_PAGE_SIZE, OUTCOME_STATUSES, type DeploymentListPage, type DeploymentListQuery } from "../contracts/deployment-list.ts";

/** finishedOnly: what an auditor may see (server/auth/permissions.ts canReadDeployment). */
export async function findDeployments(
  db: Database,
  query: DeploymentListQuery,
  options: { finishedOnly: boolean; pageSize?: number },
): Promise<DeploymentListPage> {
  const pageSize = options.pageSize ?? DEPLOYMENT_PAGE_SIZE;
  const where = {
    ...(query.project ? { projectId: query.project } : {}),
    ...(query.environment ? { environmentId: query.environment } : {}),
    ...(query.outcome ? { status: { in: OUTCOME_STATUSES[query.outcome] } } : {}),
    ...(options.finishedOnly ? { finishedAt: { not: null } } : {}),
  };
  const [total, rows] = await Promise.all([
    db.deployment.count({ where }),
    db.deployment.findMany({
      where,
      // id breaks ties between deployments queued in the same millisecond, so pages never overlap.
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * pageSize,
      take: pageSize,
      select: {
        id: true,
        projectId: true,
        environmentId: true,
        status: true,
        createdAt: true,
        startedAt: true,
        finishedAt: true,
        requestedBy: true,
        project: { select: { name: true } },
        environment: { select: { name: true } },
        release: { select: { version: true } },
        stepRuns: { orderBy: { position: "asc" }, select: { name: true, status: true, startedAt: true, finishedAt: true } },
      },
    }),
  ]);
  return {
    items: rows.map((row) => ({
      id: row.id,
      projectId: row.projectId,
      projectName: row.project.name,
      releaseVersion: row.release.version,
      environmentId: row.environmentId,
      environmentName: row.environment.name,
      status: row.status as DeploymentStatus,
      createdAt: row.createdAt.toISOString(),
      startedAt: row.startedAt?.toISOString() ?? null,
      finishedAt: row.finishedAt?.toISOString() ?? null,
      requestedBy: row.requestedBy,
      steps: row.stepRuns.map((run) => ({
        name: run.name,
        status: run.status as StepRunStatus,
        startedAt: run.startedAt?.toISOString() ?? null,
        finishedAt: run.finishedAt?.toISOString() ?? null,
      })),
    })),
    page: query.page,
    pageSize,
    total,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
  };
}

/** The filter form's choices: every project and environment by name (ids and names only). */
export async function deploymentFilterChoices(
  db: Database,
): Promise<{ projects: { id: string; name: string }[]; environments: { id: string; name: string }[] }> {
  const [projects, environments] = await Promise.all([
    db.project.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.environment.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { projects, environments };
}
