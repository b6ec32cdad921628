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
import { failInterruptedStep, failStep, runStep, type ResumeState, type StepEnd, type StepEnvironment } from "./run-step.ts";
import { parseStoredStep } from "./stored-step.ts";

export type DeploymentExecutor = { enqueue(deploymentId: string): void; recover(): Promise<void>; stop(): Promise<void>; hub: WatchHub };

export function createExecutor(
  db: Database,
  sealer: Sealer,
  log: Logger,
  options: {
    clock?: Clock;
    events?: EngineEvents;
    freezeRetry?: StepEnvironment["freezeRetry"];
    logRetry?: StepEnvironment["logRetry"];
    resumeRetry?: StepEnvironment["resumeRetry"];
  } = {},
): DeploymentExecutor {
  const clock = options.clock ?? systemClock;
  const events = options.events ?? engineEvents();
  const kubeConfigs = new Map<string, KubeConfig>();
  const hub = new WatchHub((clusterKey, resource, namespace) => httpTransport(kubeConfigs.get(clusterKey)!, resource, namespace), {
    clock,
    onStreamError: (error) => events.emit("watch-error", error),
  });
  const queues = new Map<string, Promise<void>>();
  const running = new Set<Promise<void>>();
  // Aborted by stop(): running trackers stop and their rows are checkpointed, the deployments stay
  // Running (the next start resumes them), queued work is not started.
  const stopping = new AbortController();

  /** What a previous process left of a step that was Running, read when this process resumes it. */
  const resumeStateOf = async (stepRunId: string, restartedAt: Date): Promise<ResumeState> => {
    const [run, lastLine, topLevel] = await Promise.all([
      db.stepRun.findUniqueOrThrow({ where: { id: stepRunId }, select: { startedAt: true, deadlineAt: true, lastSequence: true } }),
      db.stepLogLine.findFirst({ where: { stepRunId }, orderBy: { seq: "desc" }, select: { seq: true } }),
      db.objectRow.findMany({ where: { stepRunId, topLevel: true }, select: { objectKey: true, uid: true, manifest: true } }),
    ]);
    return {
      restartedAt,
      startedAt: run.startedAt,
      deadlineAt: run.deadlineAt,
      lastSequence: run.lastSequence,
      lastLogSeq: lastLine?.seq ?? 0,
      topLevel: topLevel.map((row) => ({ key: row.objectKey, uid: row.uid, manifest: row.manifest })),
    };
  };

  const run = async (deploymentId: string, resumedAt?: Date) => {
    const deployment = await db.deployment.findUnique({
      where: { id: deploymentId },
      include: { release: true, project: true, environment: true, stepRuns: { orderBy: { position: "asc" }, include: { releaseStep: true } } },
    });
    if (!deployment || deployment.status !== (resumedAt ? "Running" : "Queued") || stopping.signal.aborted) return;
    if (!resumedAt) {
      await db.deployment.update({ where: { id: deploymentId }, data: { status: "Running", startedAt: new Date() } });
      events.emit("deployment", { deploymentId, status: "Running" });
    }
    let status: "Succeeded" | "Failed" = "Succeeded";
    let message = "";
    try {
      // A resumed step whose Kubernetes connection is gone (target deleted, credentials no longer
      // unseal, the kubeconfig policy refuses it) fails with the reason and keeps its rows (catch).
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
        const resuming = resumedAt && stepRun.status === "Running" && !stepRun.frozenAt;
        // The previous process stopped after a step failed but before it ended the deployment.
        if (resumedAt && stepRun.frozenAt && stepRun.status !== "Succeeded") {
          status = "Failed";
          message ||= `Step "${stepRun.name}" ${stepRun.status === "TimedOut" ? "timed out" : "failed"}`;
        }
        if (stepRun.status !== "Pending" && !resuming) continue;
        // Stopping between steps: the deployment stays Running, the next start runs this step.
        if (stopping.signal.aborted) return;
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
          ...(options.resumeRetry ? { resumeRetry: options.resumeRetry } : {}),
        };
        // The stored JSON is checked against the step contracts: an invalid document fails its step.
        const stored = parseStoredStep({ type: stepRun.type, config: stepRun.releaseStep.config, verification: stepRun.releaseStep.verification });
        const outcome: StepEnd = stored.ok
          ? await runStep(
              env,
              { stepRunId: stepRun.id, name: stepRun.name, type: stored.type, config: stored.config, verification: stored.verification },
              resuming ? await resumeStateOf(stepRun.id, resumedAt) : undefined,
            )
          : await failStep(env, { stepRunId: stepRun.id, name: stepRun.name }, stored.message);
        // A graceful stop: the step and its deployment stay Running; the next start resumes them.
        if (outcome === "Stopped") return;
        if (outcome !== "Succeeded") {
          status = "Failed";
          message = `Step "${stepRun.name}" ${outcome === "TimedOut" ? "timed out" : "failed"}`;
        }
      }
    } catch (error) {
      status = "Failed";
      message = `The deployment could not run: ${(error as Error).message}`;
      log.error({ err: error, deploymentId }, "deployment failed to run");
      if (resumedAt)
        for (const stepRun of deployment.stepRuns.filter((run) => run.status === "Running" && !run.frozenAt)) {
          const { lastLogSeq } = await resumeStateOf(stepRun.id, resumedAt);
          await failInterruptedStep(
            {
              db,
              events,
              deploymentId,
              logger: log.child({ deploymentId, stepRunId: stepRun.id }),
              ...(options.freezeRetry ? { freezeRetry: options.freezeRetry } : {}),
            },
            stepRun.id,
            lastLogSeq,
            (error as Error).message,
          );
        }
      await db.stepRun.updateMany({
        where: { deploymentId, status: { in: ["Pending", "Running"] } },
        data: { status: "NotExecuted", outcomeMessage: message, finishedAt: new Date() },
      });
    }
    await db.deployment.update({ where: { id: deploymentId }, data: { status, message: message || "Every step succeeded", finishedAt: new Date() } });
    events.emit("deployment", { deploymentId, status });
  };

  /** Queues a deployment behind the others of its environment; resolves once it is in the queue. */
  const schedule = (deploymentId: string, resumedAt?: Date): Promise<void> => {
    let placed!: () => void;
    const inQueue = new Promise<void>((resolve) => (placed = resolve));
    const work = (async () => {
      const deployment = await db.deployment.findUnique({ where: { id: deploymentId }, select: { environmentId: true } }).catch((error: unknown) => {
        placed();
        throw error;
      });
      if (!deployment) return placed();
      const previous = queues.get(deployment.environmentId) ?? Promise.resolve();
      const mine = previous
        .then(() => run(deploymentId, resumedAt))
        .catch((error: unknown) => log.error({ err: error, deploymentId }, "deployment execution failed"));
      queues.set(deployment.environmentId, mine);
      placed();
      await mine;
      if (queues.get(deployment.environmentId) === mine) queues.delete(deployment.environmentId);
    })();
    running.add(work);
    void work.finally(() => running.delete(work));
    return inQueue;
  };

  return {
    hub,
    enqueue: (deploymentId) => void schedule(deploymentId),
    /**
     * At start-up: deployments a previous process left Running are resumed (before the queued ones
     * of their environment): the step that was running resumes tracking from its checkpointed rows,
     * or fails with the reason when it cannot; later steps run as usual. Then queued ones run.
     */
    async recover() {
      const restartedAt = new Date();
      const interrupted = await db.deployment.findMany({ where: { status: "Running" }, orderBy: { startedAt: "asc" }, select: { id: true } });
      for (const { id } of interrupted) {
        log.info({ deploymentId: id }, "resuming a deployment left running by the previous server process");
        await schedule(id, restartedAt);
      }
      const queued = await db.deployment.findMany({ where: { status: "Queued" }, orderBy: { createdAt: "asc" }, select: { id: true } });
      for (const { id } of queued) await schedule(id);
    },
    /**
     * A graceful stop: running trackers stop and their rows are checkpointed, the steps stay Running
     * (Helm is sent SIGTERM: a Helm step fails and freezes), then the watches stop.
     */
    async stop() {
      stopping.abort();
      await Promise.allSettled([...running]);
      await hub.stop();
    },
  };
}
