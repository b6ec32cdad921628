// Runs queued deployments. This is the seam the status engine (issue 4) fills in: for now every
// step run ends "NotExecuted" with a clear message, so the pages, records and routes are real.
import type { Database } from "../store/database.ts";
import type { Logger } from "../logging.ts";

export type DeploymentExecutor = { enqueue(deploymentId: string): void; stop(): Promise<void> };

const NOT_AVAILABLE = "Executing steps against a cluster is not available in this version of kdeploy yet; nothing was applied.";

export function createExecutor(db: Database, log: Logger): DeploymentExecutor {
  const running = new Set<Promise<void>>();
  return {
    enqueue(deploymentId) {
      const work = markNotExecuted(db, deploymentId)
        .catch((error: unknown) => log.error({ err: error, deploymentId }, "deployment execution failed"))
        .finally(() => running.delete(work));
      running.add(work);
    },
    async stop() {
      await Promise.allSettled([...running]);
    },
  };
}

async function markNotExecuted(db: Database, deploymentId: string): Promise<void> {
  const now = new Date();
  await db.$transaction(async (tx) => {
    const runs = await tx.stepRun.findMany({ where: { deploymentId, status: "Pending" } });
    for (const run of runs) {
      await tx.stepRun.update({ where: { id: run.id }, data: { status: "NotExecuted", outcomeMessage: NOT_AVAILABLE, finishedAt: now } });
      await tx.stepLogLine.create({ data: { stepRunId: run.id, seq: 1, at: now, level: "warning", message: `Step "${run.name}" was not executed. ${NOT_AVAILABLE}` } });
    }
    await tx.deployment.update({ where: { id: deploymentId }, data: { status: "NotExecuted", message: NOT_AVAILABLE, startedAt: now, finishedAt: now } });
  });
}
