// Copies a frozen step's context (frozenAt, outcome, project, environment) onto its ObjectRows,
// so the audit search filters and orders one table (see docs/audit.md for why).
// freezeStep (server/store/step-records.ts) calls stampSnapshotRows inside its transaction;
// stampUnstampedSnapshots is the safety net for snapshots frozen by code that did not (and for
// rows frozen before the columns existed: the migration backfills those as well).
import type { Database } from "../store/database.ts";

type SnapshotTables = Pick<Database, "stepRun" | "objectRow">;

/** Stamps the rows of one frozen step run. Returns how many rows were stamped (0 if not frozen). */
export async function stampSnapshotRows(db: SnapshotTables, stepRunId: string): Promise<number> {
  const run = await db.stepRun.findUnique({
    where: { id: stepRunId },
    select: { frozenAt: true, status: true, deployment: { select: { projectId: true, environmentId: true } } },
  });
  if (!run?.frozenAt) return 0;
  const stamped = await db.objectRow.updateMany({
    where: { stepRunId },
    data: { frozenAt: run.frozenAt, stepStatus: run.status, projectId: run.deployment.projectId, environmentId: run.deployment.environmentId },
  });
  return stamped.count;
}

/**
 * Finds frozen step runs with unstamped rows and stamps them. Cheap when there are none: rows
 * with a null frozenAt are only the live ones, found through the (frozenAt, …) index.
 */
export async function stampUnstampedSnapshots(db: Database): Promise<number> {
  const pending = await db.objectRow.findMany({
    where: { frozenAt: null, stepRun: { frozenAt: { not: null } } },
    select: { stepRunId: true },
    distinct: ["stepRunId"],
    take: 100,
  });
  let stamped = 0;
  for (const { stepRunId } of pending) stamped += await stampSnapshotRows(db, stepRunId);
  return stamped;
}
