// Runs queued deployments: one at a time per environment (a second one waits in the queue),
// any number across environments; each deployment's steps in order; a failed step stops the
// ones after it. The watch hub is shared by every running step of every deployment.
// The queue is the database (queue/claims.ts): this instance claims a deployment under a lease it
// renews while it runs it, so several instances share the work, one deployment per environment
// across all of them, and a deployment of an instance that died is taken over once its lease ends.
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
import { failInterruptedStep, failStep, LeaseLost, runStep, type ResumeState, type StepEnd, type StepEnvironment } from "./run-step.ts";
import { parseStoredStep } from "./stored-step.ts";
import { StepLog } from "./step-log.ts";
import { instanceId } from "../logging.ts";
import { claimNext, environmentsWithWork, HEARTBEAT_MS, LEASE_MS, releaseLeases, renewLease, type Claim, type QueueSettings } from "./queue/claims.ts";

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
    /**
     * The instance id claims are stored under (default: the logs' and metrics' instanceId()), the
     * lease and heartbeat (queue/claims.ts), and how often to look for work queued through other
     * instances and for expired leases: 0 (the default) looks only when a deployment is queued
     * through this executor and when one of its deployments ends; the server passes POLL_MS.
     */
    queue?: Partial<QueueSettings>;
  } = {},
): DeploymentExecutor {
  const clock = options.clock ?? systemClock;
  const events = options.events ?? engineEvents();
  const kubeConfigs = new Map<string, KubeConfig>();
  const hub = new WatchHub((clusterKey, resource, namespace) => httpTransport(kubeConfigs.get(clusterKey)!, resource, namespace), {
    clock,
    onStreamError: (error) => events.emit("watch-error", error),
  });
  const settings: QueueSettings = {
    instanceId: options.queue?.instanceId ?? instanceId(),
    leaseMs: options.queue?.leaseMs ?? LEASE_MS,
    heartbeatMs: options.queue?.heartbeatMs ?? HEARTBEAT_MS,
    pollMs: options.queue?.pollMs ?? 0,
  };
  const me = settings.instanceId;
  /** What this executor runs, by environment: the deployment and what stops it when its lease is lost. */
  const active = new Map<string, { deploymentId: string; lost: AbortController }>();
  const running = new Set<Promise<void>>();
  // Aborted by stop(): running trackers stop and their rows are checkpointed, the deployments stay
  // Running with their leases ended (whoever starts next resumes them at once; an instance that
  // dies without stopping is taken over once its lease has expired), queued work is not started.
  const stopping = new AbortController();

  const utc = (at: Date) => `${at.toISOString().slice(0, 19).replace("T", " ")} UTC`;

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

  /** Runs a deployment this instance claimed (Running under its lease); `signal` stops it. */
  const run = async (claim: Claim, signal: AbortSignal) => {
    const { deploymentId, takenOverFrom } = claim;
    const resumedAt = claim.resume ? new Date() : undefined;
    const deployment = await db.deployment.findUnique({
      where: { id: deploymentId },
      include: { release: true, project: true, environment: true, stepRuns: { orderBy: { position: "asc" }, include: { releaseStep: true } } },
    });
    if (!deployment || deployment.status !== "Running" || deployment.claimedBy !== me || signal.aborted) return;
    if (!resumedAt) events.emit("deployment", { deploymentId, status: "Running" });
    const tookOver = takenOverFrom
      ? `Tracking resumed on instance ${me} after instance ${takenOverFrom.instanceId} stopped renewing its lease (it expired at ${utc(takenOverFrom.leaseExpiredAt)}).`
      : undefined;
    if (takenOverFrom) {
      events.emit("lease-takeover", { deploymentId, from: takenOverFrom.instanceId, to: me });
      log.warn({ deploymentId, from: takenOverFrom.instanceId, leaseExpiredAt: takenOverFrom.leaseExpiredAt }, "took over a deployment whose lease expired");
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
        if (signal.aborted) return;
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
          signal,
          leaseOwner: me,
          ...(options.freezeRetry ? { freezeRetry: options.freezeRetry } : {}),
          ...(options.logRetry ? { logRetry: options.logRetry } : {}),
          ...(options.resumeRetry ? { resumeRetry: options.resumeRetry } : {}),
        };
        // The stored JSON is checked against the step contracts: an invalid document fails its step.
        // A takeover is named in the task log of the step it resumes, numbered after the last line.
        if (resuming && tookOver) await logLine(env, stepRun.id, tookOver);
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
    await db.deployment.update({
      where: { id: deploymentId },
      data: { status, message: message || "Every step succeeded", finishedAt: new Date(), leaseExpiresAt: null },
    });
    events.emit("deployment", { deploymentId, status });
  };

  const logLine = async (env: StepEnvironment, stepRunId: string, message: string) => {
    const last = await db.stepLogLine.findFirst({ where: { stepRunId }, orderBy: { seq: "desc" }, select: { seq: true } });
    const line = new StepLog(db, events, env.deploymentId, stepRunId, {
      logger: env.logger,
      lastSeq: last?.seq ?? 0,
      ...(env.logRetry ? { retry: env.logRetry } : {}),
    });
    line.info(message);
    await line.flush();
  };

  /** Starts a claimed deployment; when it ends, this instance looks for the next one. */
  const start = (environmentId: string, claim: Claim) => {
    const lost = new AbortController();
    active.set(environmentId, { deploymentId: claim.deploymentId, lost });
    const work = run(claim, AbortSignal.any([stopping.signal, lost.signal]))
      .catch((error: unknown) => log.error({ err: error, deploymentId: claim.deploymentId }, "deployment execution failed"))
      .finally(() => {
        active.delete(environmentId);
        void wake();
      });
    running.add(work);
    void work.finally(() => running.delete(work));
  };

  let atStart = false;
  /** Claims what it can in every environment with work (one pass at a time; a request meanwhile runs another). */
  const claimPass = async () => {
    const startPass = atStart;
    atStart = false;
    for (const environmentId of await environmentsWithWork(db)) {
      if (stopping.signal.aborted) return;
      if (active.has(environmentId)) continue;
      const local = new Set([...active.values()].map((entry) => entry.deploymentId));
      const claim = await claimNext(db, environmentId, settings, { atStart: startPass, local }).catch((error: unknown) => {
        log.error({ err: error, environmentId }, "could not claim a deployment");
        return null;
      });
      if (claim && !stopping.signal.aborted) start(environmentId, claim);
    }
  };
  let pass: Promise<void> | undefined;
  let again = false;
  const wake = (): Promise<void> => {
    if (stopping.signal.aborted) return Promise.resolve();
    if (pass) {
      again = true;
      return pass;
    }
    const current = (async () => {
      do {
        again = false;
        await claimPass().catch((error: unknown) => log.error({ err: error }, "could not look for queued deployments"));
      } while (again && !stopping.signal.aborted);
    })().finally(() => (pass = undefined));
    pass = current;
    running.add(current);
    void current.finally(() => running.delete(current));
    return current;
  };

  // The lease of every deployment this instance runs is renewed; one another instance took over
  // meanwhile (this one could not renew it in time) is stopped here as a graceful stop stops it;
  // the abort's reason (LeaseLost) tells run-step.ts it is no stop: it writes no stop line in the
  // task log, which the other instance numbers now (it still checkpoints its rows).
  const heartbeat = setInterval(() => {
    for (const { deploymentId, lost } of active.values())
      void renewLease(db, deploymentId, settings).then(
        async (held) => {
          if (held) return;
          const takenOverBy = await db.deployment
            .findUnique({ where: { id: deploymentId }, select: { claimedBy: true } })
            .then((row) => row?.claimedBy ?? null)
            .catch(() => null);
          log.error({ deploymentId, takenOverBy }, "another instance took this deployment over (its lease expired here): stopping it on this instance");
          lost.abort(new LeaseLost(me, takenOverBy));
        },
        (error: unknown) => log.warn({ err: error, deploymentId }, "could not renew a deployment's lease"),
      );
  }, settings.heartbeatMs).unref();
  let poll: NodeJS.Timeout | undefined;

  return {
    hub,
    // Queued through this instance: try to claim it (or the older work of its environment) now.
    enqueue: () => void wake(),
    /**
     * At start-up: deployments this instance id left Running (a restart), or left without a lease
     * by a version without leases, are resumed at once (before the queued ones of their
     * environment): the step that was running resumes tracking from its checkpointed rows, or
     * fails with the reason when it cannot; later steps run as usual. Those another instance runs
     * stay its own while it renews their leases. Then queued ones run; with `queue.pollMs` this
     * instance keeps looking for work queued elsewhere and for leases that expired.
     */
    async recover() {
      atStart = true;
      await wake();
      // Keeps the process alive like a server: an instance waiting for work must stay (stop() ends it).
      if (settings.pollMs > 0 && !poll && !stopping.signal.aborted) poll = setInterval(() => void wake(), settings.pollMs);
    },
    /**
     * A graceful stop: running trackers stop and their rows are checkpointed, the steps stay Running
     * (Helm is sent SIGTERM: a Helm step fails and freezes), then the watches stop.
     */
    async stop() {
      const held = [...active.values()].map((entry) => entry.deploymentId);
      stopping.abort();
      clearInterval(poll);
      clearInterval(heartbeat);
      await Promise.allSettled([...running]);
      // Checkpointed: the leases end now, so the next instance to start (this one again under a
      // new process id, or another) resumes them at once instead of a lease later.
      await releaseLeases(db, held, me).catch((error: unknown) =>
        log.warn({ err: error }, "could not release the leases of the deployments this instance ran"),
      );
      await hub.stop();
    },
  };
}
