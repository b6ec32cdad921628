// Runs queued deployments: one at a time per environment (a second one waits in the queue),
// any number across environments; each deployment's steps in order; a failed step stops the
// ones after it. The watch hub is shared by every running step of every deployment.
// Scale-out note: the per-environment queue is in this process; several instances need a
// database lease per environment (see docs/status-engine.md).
import { createHash } from "node:crypto";
import type { Database } from "../store/database.ts";
import type { Sealer } from "../security/credentials.ts";
import type { Logger } from "../logging.ts";
import { systemClock, type Clock } from "../kube/clock.ts";
import { WatchHub } from "../kube/watch-hub.ts";
import { httpTransport } from "../kube/http-transport.ts";
import { buildKubeConfig } from "../kube/kubeconfig.ts";
import type { KubeConfig } from "@kubernetes/client-node";
import { environmentConnection } from "../process/environments.ts";
import { engineEvents, type EngineEvents } from "./engine-events.ts";
import { failStep, runStep, type StepEnvironment, type StepOutcome } from "./run-step.ts";
import { parseStoredStep } from "./stored-step.ts";

export type DeploymentExecutor = { enqueue(deploymentId: string): void; recover(): Promise<void>; stop(): Promise<void>; hub: WatchHub };

export function createExecutor(
  db: Database,
  sealer: Sealer,
  log: Logger,
  options: { clock?: Clock; events?: EngineEvents; freezeRetry?: StepEnvironment["freezeRetry"]; logRetry?: StepEnvironment["logRetry"] } = {},
): DeploymentExecutor {
  const clock = options.clock ?? systemClock;
  const events = options.events ?? engineEvents();
  const kubeConfigs = new Map<string, KubeConfig>();
  const hub = new WatchHub((clusterKey, resource, namespace) => httpTransport(kubeConfigs.get(clusterKey)!, resource, namespace), { clock });
  const queues = new Map<string, Promise<void>>();
  const running = new Set<Promise<void>>();
  // Aborted by stop(): running trackers stop, their steps end and freeze, queued work is not started.
  const stopping = new AbortController();

  const run = async (deploymentId: string) => {
    const deployment = await db.deployment.findUnique({
      where: { id: deploymentId },
      include: { release: true, project: true, environment: true, stepRuns: { orderBy: { position: "asc" }, include: { releaseStep: true } } },
    });
    if (!deployment || deployment.status !== "Queued" || stopping.signal.aborted) return;
    await db.deployment.update({ where: { id: deploymentId }, data: { status: "Running", startedAt: new Date() } });
    events.emit("deployment", { deploymentId, status: "Running" });
    let status: "Succeeded" | "Failed" = "Succeeded";
    let message = "";
    try {
      const connection = await environmentConnection(db, sealer, deployment.environmentId);
      const kubeConfig = buildKubeConfig(connection);
      // One cluster key per distinct connection (same cluster, same credentials → shared watches).
      const clusterKey = createHash("sha256")
        .update(JSON.stringify([connection.serverUrl, connection.kubeconfigContext, connection.credentials]))
        .digest("hex")
        .slice(0, 16);
      kubeConfigs.set(clusterKey, kubeConfig);
      const variables = {
        "Kdeploy.Project.Name": deployment.project.name,
        "Kdeploy.Environment.Name": deployment.environment.name,
        "Kdeploy.Release.Version": deployment.release.version,
        "Kdeploy.Deployment.Id": deployment.id,
      };
      for (const stepRun of deployment.stepRuns) {
        if (stepRun.status !== "Pending") continue;
        if (status === "Failed") {
          await db.stepRun.update({
            where: { id: stepRun.id },
            data: { status: "NotExecuted", outcomeMessage: "Not run because an earlier step failed", finishedAt: new Date() },
          });
          continue;
        }
        const env: StepEnvironment = {
          db,
          sealer,
          hub,
          clock,
          events,
          kubeConfig,
          clusterKey,
          defaultNamespace: connection.defaultNamespace,
          variables,
          deploymentId,
          logger: log.child({ deploymentId, stepRunId: stepRun.id }),
          signal: stopping.signal,
          ...(options.freezeRetry ? { freezeRetry: options.freezeRetry } : {}),
          ...(options.logRetry ? { logRetry: options.logRetry } : {}),
        };
        // The stored JSON is checked against the step contracts: an invalid document fails its step.
        const stored = parseStoredStep({ type: stepRun.type, config: stepRun.releaseStep.config, verification: stepRun.releaseStep.verification });
        const outcome: StepOutcome = stored.ok
          ? await runStep(env, { stepRunId: stepRun.id, name: stepRun.name, type: stored.type, config: stored.config, verification: stored.verification })
          : await failStep(env, { stepRunId: stepRun.id, name: stepRun.name }, stored.message);
        if (outcome !== "Succeeded") {
          status = "Failed";
          message = `Step "${stepRun.name}" ${outcome === "TimedOut" ? "timed out" : "failed"}`;
        }
      }
    } catch (error) {
      status = "Failed";
      message = `The deployment could not run: ${(error as Error).message}`;
      log.error({ err: error, deploymentId }, "deployment failed to run");
      await db.stepRun.updateMany({
        where: { deploymentId, status: { in: ["Pending", "Running"] } },
        data: { status: "NotExecuted", outcomeMessage: message, finishedAt: new Date() },
      });
    }
    await db.deployment.update({ where: { id: deploymentId }, data: { status, message: message || "Every step succeeded", finishedAt: new Date() } });
    events.emit("deployment", { deploymentId, status });
  };

  return {
    hub,
    enqueue(deploymentId) {
      const work = (async () => {
        const deployment = await db.deployment.findUnique({ where: { id: deploymentId }, select: { environmentId: true } });
        if (!deployment) return;
        const previous = queues.get(deployment.environmentId) ?? Promise.resolve();
        const mine = previous.then(() => run(deploymentId)).catch((error: unknown) => log.error({ err: error, deploymentId }, "deployment execution failed"));
        queues.set(deployment.environmentId, mine);
        await mine;
        if (queues.get(deployment.environmentId) === mine) queues.delete(deployment.environmentId);
      })();
      running.add(work);
      void work.finally(() => running.delete(work));
    },
    /** At start-up: deployments a previous process left running are marked failed; queued ones run. */
    async recover() {
      const interrupted = await db.deployment.findMany({ where: { status: "Running" }, select: { id: true } });
      for (const { id } of interrupted) {
        await db.stepRun.updateMany({
          where: { deploymentId: id, status: { in: ["Running", "Pending"] } },
          data: { status: "NotExecuted", outcomeMessage: "Interrupted by a server restart", finishedAt: new Date() },
        });
        await db.deployment.update({ where: { id }, data: { status: "Failed", message: "Interrupted by a server restart", finishedAt: new Date() } });
      }
      const queued = await db.deployment.findMany({ where: { status: "Queued" }, orderBy: { createdAt: "asc" }, select: { id: true } });
      for (const { id } of queued) this.enqueue(id);
    },
    /** Stops the running trackers (their steps end and freeze), waits for the running work, then the watches. */
    async stop() {
      stopping.abort();
      await Promise.allSettled([...running]);
      await hub.stop();
    },
  };
}
