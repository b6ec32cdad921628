// The current table of every step of a deployment: from this process's live tables while a
// step runs here, else from the database (checkpointed rows while running elsewhere, the frozen
// snapshot once finished). A finished deployment loads entirely from the database.
import type { Database } from "../store/database.ts";
import type { StepPhase, StepTableSnapshot } from "../contracts/live.ts";
import type { StepRunStatus } from "../contracts/projects.ts";
import { loadStepRows } from "../store/step-records.ts";
import { NotFoundError } from "../errors.ts";
import type { LiveTables } from "./live-tables.ts";

export async function deploymentTables(db: Database, live: LiveTables, deploymentId: string, onlySteps?: Set<string>): Promise<StepTableSnapshot[]> {
  const deployment = await db.deployment.findUnique({ where: { id: deploymentId }, select: { stepRuns: { orderBy: { position: "asc" } } } });
  if (!deployment) throw new NotFoundError("Deployment", deploymentId);
  const tables: StepTableSnapshot[] = [];
  for (const run of deployment.stepRuns) {
    if (onlySteps && !onlySteps.has(run.id)) continue;
    const base = { stepRunId: run.id, position: run.position, name: run.name, verificationEnabled: run.verificationEnabled };
    const current = live.get(run.id);
    if (current && !run.frozenAt) {
      tables.push({
        ...base,
        status: current.status,
        outcomeMessage: current.outcomeMessage,
        phase: current.phase,
        frozenAt: current.frozenAt,
        seq: current.seq,
        rows: [...current.rows.values()],
      });
      continue;
    }
    tables.push({
      ...base,
      status: run.status as StepRunStatus,
      outcomeMessage: run.outcomeMessage,
      phase: phaseFromRecord(run),
      frozenAt: run.frozenAt?.toISOString() ?? null,
      seq: run.lastSequence,
      rows: await loadStepRows(db, run.id),
      failureSummary: run.frozenAt ? (run.failureSummary ?? null) : null,
    });
  }
  return tables;
}

export function phaseFromRecord(run: { status: string; frozenAt: Date | null; deadlineAt: Date | null; stabilizationStartedAt: Date | null }): StepPhase {
  if (run.status === "Pending") return { name: "pending" };
  if (run.status !== "Running" || run.frozenAt) return { name: "finished" };
  return { name: "tracking", deadlineAt: run.deadlineAt?.toISOString() ?? null };
}
