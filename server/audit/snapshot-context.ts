// Snapshot context (project, environment, release, step, outcome) and per-status object counts
// for the few step runs of one result page: two indexed queries, whatever the page size.
import type { Database } from "../store/database.ts";
import { ROW_STATUSES, type RowStatus } from "../contracts/object-status.ts";
import type { AuditOutcome, SnapshotContext, StatusCounts } from "../contracts/audit.ts";

export async function loadSnapshotContexts(db: Database, stepRunIds: string[]): Promise<Map<string, SnapshotContext>> {
  if (stepRunIds.length === 0) return new Map();
  const runs = await db.stepRun.findMany({
    where: { id: { in: [...new Set(stepRunIds)] }, frozenAt: { not: null } },
    select: {
      id: true,
      name: true,
      position: true,
      status: true,
      outcomeMessage: true,
      frozenAt: true,
      deployment: {
        select: {
          id: true,
          project: { select: { id: true, name: true } },
          environment: { select: { id: true, name: true } },
          release: { select: { version: true } },
        },
      },
    },
  });
  return new Map(runs.map((run) => [run.id, toSnapshotContext(run)]));
}

type RunWithDeployment = {
  id: string;
  name: string;
  position: number;
  status: string;
  outcomeMessage: string;
  frozenAt: Date | null;
  deployment: { id: string; project: { id: string; name: string }; environment: { id: string; name: string }; release: { version: string } };
};

export function toSnapshotContext(run: RunWithDeployment): SnapshotContext {
  return {
    stepRunId: run.id,
    deploymentId: run.deployment.id,
    projectId: run.deployment.project.id,
    projectName: run.deployment.project.name,
    environmentId: run.deployment.environment.id,
    environmentName: run.deployment.environment.name,
    releaseVersion: run.deployment.release.version,
    stepName: run.name,
    stepPosition: run.position,
    outcome: run.status as AuditOutcome,
    outcomeMessage: run.outcomeMessage,
    frozenAt: (run.frozenAt ?? new Date(0)).toISOString(),
  };
}

export const emptyCounts = (): StatusCounts => ({ InProgress: 0, Success: 0, Error: 0, TimedOut: 0, total: 0 });

export async function loadStatusCounts(db: Database, stepRunIds: string[]): Promise<Map<string, StatusCounts>> {
  const counts = new Map<string, StatusCounts>(stepRunIds.map((id) => [id, emptyCounts()]));
  if (stepRunIds.length === 0) return counts;
  const groups = await db.objectRow.groupBy({ by: ["stepRunId", "status"], where: { stepRunId: { in: stepRunIds } }, _count: { _all: true } });
  for (const group of groups) {
    const entry = counts.get(group.stepRunId) ?? emptyCounts();
    if ((ROW_STATUSES as readonly string[]).includes(group.status)) entry[group.status as RowStatus] += group._count._all;
    entry.total += group._count._all;
    counts.set(group.stepRunId, entry);
  }
  return counts;
}
