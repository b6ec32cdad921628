// Runs one step of a deployment: render → apply → track → freeze. Helm steps go through
// run-helm-step.ts. Whatever happens, the step ends with an outcome, a task log and (when it
// tracked objects) a frozen snapshot.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { KubeConfig } from "@kubernetes/client-node";
import type { Database } from "../store/database.ts";
import type { Sealer } from "../security/credentials.ts";
import type { Clock } from "../kube/clock.ts";
import type { WatchHub } from "../kube/watch-hub.ts";
import type { ObjectStatusVerification, HelmVerification } from "../contracts/verification.ts";
import type { StepType } from "../contracts/steps/index.ts";
import { loadStepRows, type RowDetails, type FreezeInput } from "../store/step-records.ts";
import type { Logger } from "../logging.ts";
import { StepTracker, type TrackerResult } from "../tracking/step-tracker.ts";
import type { TrackedTopLevel } from "../tracking/watch-plan.ts";
import { runningTrackers } from "../tracking/running-trackers.ts";
import { renderStep, RenderError } from "./render/index.ts";
import { applyObjects, ApplyError, type AppliedObject } from "./apply/index.ts";
import { resolveObjectResources } from "./apply/resolve-resources.ts";
import { trackedTopLevel } from "./apply/tracked-top-level.ts";
import type { KubeObject } from "./render/form-objects.ts";
import { failureReport } from "./failure-report.ts";
import { LOG_WRITE_RETRY, StepLog } from "./step-log.ts";
import type { EngineEvents } from "./engine-events.ts";
import { deployTools } from "./tools.ts";
import { runHelmStep } from "./run-helm-step.ts";
import { appliedLine, appliedWithoutVerification } from "./apply-messages.ts";
import { readServerSettings } from "../settings/server-settings.ts";
import { Checkpointer } from "./checkpointer.ts";
import type { RowStatus } from "../contracts/object-status.ts";
import { freezeDurably, keepFreezing, FREEZE_RETRY } from "./durable-freeze.ts";
import { errorText, withRetry, type RetryPolicy } from "./retry.ts";

export type StepEnvironment = {
  db: Database;
  sealer: Sealer;
  hub: WatchHub;
  clock: Clock;
  events: EngineEvents;
  kubeConfig: KubeConfig;
  clusterKey: string;
  defaultNamespace: string;
  variables: Record<string, string>;
  deploymentId: string;
  /** The server log (write failures, retries). */
  logger?: Logger;
  /** Aborted when the executor stops: running trackers stop and the step ends. */
  signal?: AbortSignal;
  /**
   * The instance whose lease the step runs under (Deployment.claimedBy): checkpoints and task-log
   * lines are written only while the deployment is still claimed by it (never after a takeover).
   */
  leaseOwner?: string;
  /** How long a freeze is retried before the step fails visibly (tests shorten it). */
  freezeRetry?: RetryPolicy;
  /** How long a task-log batch is retried before it waits for the next write (tests shorten it). */
  logRetry?: RetryPolicy;
  /** How long a resumed step retries reaching the cluster before it fails (tests shorten it). */
  resumeRetry?: RetryPolicy;
};

export type StepToRun = { stepRunId: string; name: string; type: StepType; config: unknown; verification: ObjectStatusVerification | HelmVerification };
export type StepOutcome = "Succeeded" | "Failed" | "TimedOut";
/** "Stopped": the server is stopping gracefully; the step stays Running and the next start resumes it. */
export type StepEnd = StepOutcome | "Stopped";

/** What a previous server process left of a step that was running when it stopped (see executor.recover()). */
export type ResumeState = {
  /** When this process found the step (the restart). */
  restartedAt: Date;
  /** StepRun.startedAt and deadlineAt: the timeout still counts from the original start. */
  startedAt: Date | null;
  deadlineAt: Date | null;
  /** StepRun.lastSequence: live row batches continue above it (RESUMED_SEQUENCE_GAP). */
  lastSequence: number;
  /** The last task-log line number written. */
  lastLogSeq: number;
  /** The checkpointed top-level rows with their applied manifests; none: apply had not finished. */
  topLevel: { key: string; uid: string | null; manifest: unknown }[];
};

/**
 * How far a resumed step's batch numbers jump past the checkpointed one. A SIGKILLed process may
 * have sent browsers batches it never checkpointed (the checkpoint lags up to a second, longer
 * while the database refuses writes); numbered on from the checkpoint, this process's batches
 * would carry the same numbers and a browser would drop them as ones it already has (the first
 * one removes the rows of objects gone meanwhile). From a new range every such browser sees a
 * gap and is sent a fresh table. Stored in StepRun.lastSequence (a 32-bit integer on PostgreSQL).
 */
export const RESUMED_SEQUENCE_GAP = 1_000_000;

/** A clock time for the task log: "2026-12-01 10:42:07 UTC". */
const utc = (at: Date) => `${at.toISOString().slice(0, 19).replace("T", " ")} UTC`;

const PAUSED_LINE = "The server is stopping; tracking resumes when it starts again.";

/**
 * The reason of the executor's abort when this instance could not renew its lease in time and
 * another instance took the deployment over (server/deploy/executor.ts, heartbeat): not a stop.
 */
export class LeaseLost extends Error {
  constructor(
    readonly instanceId: string,
    /** Who holds the deployment now (null: it could not be read). */
    readonly takenOverBy: string | null,
  ) {
    super(`instance ${instanceId} lost its lease on this deployment; ${takenOverBy ? `instance ${takenOverBy}` : "another instance"} took it over`);
    this.name = "LeaseLost";
  }
}

export async function runStep(env: StepEnvironment, step: StepToRun, resume?: ResumeState): Promise<StepEnd> {
  const log = new StepLog(env.db, env.events, env.deploymentId, step.stepRunId, {
    logger: env.logger,
    ...(env.logRetry ? { retry: env.logRetry } : {}),
    ...(resume ? { lastSeq: resume.lastLogSeq } : {}),
    ...(env.leaseOwner ? { leaseOwner: env.leaseOwner } : {}),
  });
  // A lost lease: the instance that took over numbers the task log now; this one's pending lines are dropped.
  const dropLog = () => env.signal?.reason instanceof LeaseLost && log.drop();
  env.signal?.addEventListener("abort", dropLog, { once: true });
  if (!resume) await markRunning(env, step.stepRunId);
  // Not for a resumed step: its live table would start empty at sequence 0 until tracking resumes
  // (browsers joining then get an empty table); viewers keep the phase they had until then.
  if (!resume)
    env.events.emit("step", { deploymentId: env.deploymentId, stepRunId: step.stepRunId, status: "Running", outcomeMessage: "", phase: { name: "rendering" } });
  const workDir = await mkdtemp(join(tmpdir(), "kdeploy-step-"));
  try {
    if (resume) {
      const resumed = await resumeTracking(env, step, log, resume);
      if (resumed === "Stopped") return await paused(env, log);
      if (resumed) return await finish(env, step, log, resumed);
    } else log.info(`Step "${step.name}" started.`);
    const rendered = await renderStep(
      { type: step.type, config: step.config },
      { variables: env.variables, sealer: env.sealer, workDir, tools: deployTools(), serverPathRoots: (await readServerSettings(env.db)).serverPathRoots },
    );
    rendered.log.forEach((line) => (line.startsWith("Warning:") ? log.warn(line) : log.info(line)));
    if (rendered.helm) return await finish(env, step, log, await runHelmStep(env, step, rendered.helm, workDir, log));
    if (rendered.objects.length === 0) {
      log.warn("The step rendered no Kubernetes objects; nothing to apply.");
      return await finish(env, step, log, { outcome: "Succeeded", message: "Nothing to apply" });
    }
    if (env.signal?.aborted) return await paused(env, log);
    env.events.emit("step", { deploymentId: env.deploymentId, stepRunId: step.stepRunId, status: "Running", outcomeMessage: "", phase: { name: "applying" } });
    const namespace = (step.config as { namespace?: string }).namespace || env.defaultNamespace;
    const applied = await applyObjects(env.kubeConfig, rendered.objects, { defaultNamespace: namespace, onLog: log.info });
    log.info(appliedLine(applied.length));
    // Stopping now: nothing is checkpointed yet, so the next start applies again (idempotent).
    if (env.signal?.aborted) return await paused(env, log);
    const verification = step.verification as ObjectStatusVerification;
    if (!verification.enabled) {
      log.info("Verification is off for this step: it passes once its objects are applied.");
      return await finish(env, step, log, { outcome: "Succeeded", message: appliedWithoutVerification(applied.length) });
    }
    const result = await track(env, step, log, { topLevel: trackedTopLevel(applied), details: detailsOf(applied) }, verification, resume);
    return result === "Stopped" ? await paused(env, log) : await finish(env, step, log, result);
  } catch (error) {
    const message = error instanceof RenderError || error instanceof ApplyError ? error.message : `Unexpected error: ${errorText(error)}`;
    log.error(message);
    // What reached the cluster before apply stopped is running there: its rows are in the table.
    const applied = error instanceof ApplyError ? error.applied : [];
    // A resumed step keeps what the previous process checkpointed.
    if (applied.length === 0)
      return await finish(env, step, log, { outcome: "Failed", message, ...(resume ? await checkpointedRows(env.db, step.stepRunId).catch(() => ({})) : {}) });
    log.info(`${applied.length} object${applied.length === 1 ? " was" : "s were"} applied before the failure; the table shows their status.`);
    const observed = await observeApplied(env, step, log, trackedTopLevel(applied), detailsOf(applied)).catch((observeError: unknown) => {
      log.warn(`Warning: the status of the applied objects could not be read: ${errorText(observeError)}`);
      return undefined;
    });
    return await finish(env, step, log, { outcome: "Failed", message, ...observed });
  } finally {
    env.signal?.removeEventListener("abort", dropLog);
    await rm(workDir, { recursive: true, force: true });
  }
}

type Finished = {
  outcome: StepOutcome;
  message: string;
  /** transitions: those not checkpointed yet (transitionsMaybeStored: the last checkpoint of them failed and may have committed). */
  tracked?: TrackerResult & { transitionsMaybeStored?: boolean };
  failureSummary?: unknown;
  details?: Map<string, RowDetails>;
};

const detailsOf = (applied: AppliedObject[]) =>
  new Map<string, RowDetails>(applied.map((object) => [object.uid, { manifest: object.manifest, observed: object.live }]));

/** The objects applied before apply failed, as the cluster has them now: one synced look, no verdict. */
async function observeApplied(
  env: StepEnvironment,
  step: StepToRun,
  log: StepLog,
  topLevel: TrackedTopLevel[],
  details: Map<string, RowDetails>,
): Promise<Pick<Finished, "tracked" | "details">> {
  const tracker = new StepTracker({
    hub: env.hub,
    clusterKey: env.clusterKey,
    clock: env.clock,
    stepRunId: step.stepRunId,
    options: { waitForJobs: false, outcome: { timeoutSeconds: null, stabilizationSeconds: 365 * 24 * 3600, podsCannotStart: null } },
    sink: {
      onRows: (batch, eventLagMs) => env.events.emit("rows", { deploymentId: env.deploymentId, batch, eventLagMs }),
      onLog: (level, message, at) => {
        if (!/Stabiliz|Desired state/.test(message)) log.write(level, message, at);
      },
    },
  });
  runningTrackers().set(step.stepRunId, tracker);
  try {
    void tracker.start(topLevel);
    await tracker.whenSynced();
    tracker.stop();
    return { tracked: await tracker.done, details };
  } finally {
    runningTrackers().delete(step.stepRunId);
  }
}

/** The step's deadline: a resumed step keeps the one it had (or counts from its original start). */
function deadlineOf(env: StepEnvironment, verification: ObjectStatusVerification, resume?: ResumeState): Date | null {
  if (!verification.timeoutEnabled) return null;
  if (resume?.deadlineAt) return resume.deadlineAt;
  return new Date((resume?.startedAt?.getTime() ?? env.clock.now()) + verification.timeoutSeconds * 1000);
}

async function track(
  env: StepEnvironment,
  step: StepToRun,
  log: StepLog,
  { topLevel, details }: { topLevel: TrackedTopLevel[]; details: Map<string, RowDetails> },
  verification: ObjectStatusVerification,
  resume?: ResumeState,
): Promise<Finished | "Stopped"> {
  const checkpoint = new Checkpointer(env.db, step.stepRunId, details, {
    logger: env.logger,
    warn: log.warn,
    info: log.info,
    ...(env.leaseOwner ? { leaseOwner: env.leaseOwner } : {}),
  });
  // A lost lease: the rows are the new owner's to write now; what is pending here is dropped.
  const leaseLost = () => env.signal?.reason instanceof LeaseLost;
  const dropCheckpoints = () => leaseLost() && void checkpoint.drop();
  env.signal?.addEventListener("abort", dropCheckpoints, { once: true });
  const deadline = deadlineOf(env, verification, resume);
  const deadlineAt = deadline?.toISOString() ?? null;
  if (resume)
    log.info(
      `Tracking resumed after a server restart at ${utc(resume.restartedAt)}; ${deadline ? `the step's timeout still ends at ${utc(deadline)}` : "the step has no timeout"}. The stabilization period starts again.`,
    );
  else
    log.info(
      `Tracking ${topLevel.length} object${topLevel.length === 1 ? "" : "s"} and their children: ${verification.timeoutEnabled ? `timeout ${verification.timeoutSeconds} s` : "no timeout"}, stabilization ${verification.stabilizationSeconds} s, ${verification.waitForJobs ? "waiting" : "not waiting"} for Jobs.`,
    );
  await withRetry(() => env.db.stepRun.update({ where: { id: step.stepRunId }, data: { deadlineAt: deadline } }), env.logRetry ?? LOG_WRITE_RETRY);
  // Resumed: every row the previous process checkpointed. The first batch removes those this
  // tracker does not start with (children come back with the watches' first lists), so a row of
  // an object that went away while the server was down stays neither in the checkpoint nor with
  // a browser that follows the deltas.
  const checkpointed = resume
    ? await withRetry(
        () => env.db.objectRow.findMany({ where: { stepRunId: step.stepRunId }, select: { objectKey: true, status: true } }),
        env.logRetry ?? LOG_WRITE_RETRY,
      )
    : undefined;
  let checkpointedKeys = checkpointed?.map((row) => row.objectKey);
  env.events.emit("step", { deploymentId: env.deploymentId, stepRunId: step.stepRunId, status: "Running", phase: { name: "tracking", deadlineAt } });
  const tracker = new StepTracker({
    hub: env.hub,
    clusterKey: env.clusterKey,
    clock: env.clock,
    stepRunId: step.stepRunId,
    // Resumed: batches are numbered from a new range above the checkpointed sequence number.
    ...(resume ? { lastSequence: resume.lastSequence + RESUMED_SEQUENCE_GAP } : {}),
    // Resumed: the checkpointed statuses, so that only real changes are recorded (their history is stored).
    ...(checkpointed ? { resumedStatuses: new Map(checkpointed.map((row) => [row.objectKey, row.status as RowStatus])) } : {}),
    options: {
      waitForJobs: verification.waitForJobs,
      outcome: {
        // The time left until the deadline (all of it for a step that just started tracking).
        timeoutSeconds: deadline ? Math.max(0, (deadline.getTime() - env.clock.now()) / 1000) : null,
        stabilizationSeconds: verification.stabilizationSeconds,
        podsCannotStart: verification.failEarlyWhenPodsCannotStart ? { graceSeconds: verification.podStartGraceSeconds } : null,
      },
    },
    sink: {
      onRows: (emitted, eventLagMs) => {
        let batch = emitted;
        if (checkpointedKeys) {
          const upserted = new Set(batch.upserts.map((row) => row.key));
          batch = { ...batch, removals: [...batch.removals, ...checkpointedKeys.filter((key) => !upserted.has(key) && !batch.removals.includes(key))] };
          checkpointedKeys = undefined;
        }
        checkpoint.add(batch.upserts, batch.removals, batch.seq);
        env.events.emit("rows", { deploymentId: env.deploymentId, batch, eventLagMs });
      },
      onLog: (level, message, at) => log.write(level, message, at),
      onPhase: (phase) => {
        env.events.emit("step", {
          deploymentId: env.deploymentId,
          stepRunId: step.stepRunId,
          status: "Running",
          phase: phase.name === "stabilizing" ? { name: "stabilizing", until: phase.until.toISOString(), deadlineAt } : { name: "tracking", deadlineAt },
        });
        void env.db.stepRun
          .update({ where: { id: step.stepRunId }, data: { stabilizationStartedAt: phase.name === "stabilizing" ? new Date() : null } })
          .catch(() => undefined);
      },
    },
  });
  checkpoint.transitionsFrom = (index) => tracker.transitionsFrom(index);
  if (env.signal?.aborted) {
    env.signal.removeEventListener("abort", dropCheckpoints);
    await (leaseLost() ? checkpoint.drop() : checkpoint.writeAndStop());
    return "Stopped";
  }
  runningTrackers().set(step.stepRunId, tracker);
  const stopTracker = () => tracker.stop();
  env.signal?.addEventListener("abort", stopTracker, { once: true });
  const result = await tracker.start(topLevel).finally(() => {
    runningTrackers().delete(step.stepRunId);
    env.signal?.removeEventListener("abort", stopTracker);
    env.signal?.removeEventListener("abort", dropCheckpoints);
  });
  // A graceful stop: the rows are checkpointed (with the last sequence number) and the step stays
  // Running; the next start resumes tracking from them.
  if (result.stopped) {
    await (leaseLost() ? checkpoint.drop() : checkpoint.writeAndStop());
    return "Stopped";
  }
  await checkpoint.stop();
  // The checkpoints stored the first transitions; the freeze writes the rest.
  const unwritten = checkpoint.unwrittenTransitions();
  const tracked = { ...result, transitions: result.transitions.slice(unwritten.from), transitionsMaybeStored: unwritten.maybeStored };
  if (result.outcome === "Succeeded")
    return { outcome: "Succeeded", message: "Every object reached its desired state and stayed there for the stabilization period", tracked, details };
  const summary = await failureReport(env.kubeConfig, result.rows, result.reason);
  log.error(summary.text);
  const message =
    (result.outcome === "TimedOut"
      ? result.reason === "timeoutDuringStabilization"
        ? "Timed out during the stabilization period"
        : "Timed out while objects were still in progress"
      : "An object reached Error") + (result.watchProblem ? `. ${result.watchProblem}` : ""); // "The cluster was unreachable since …"
  return {
    outcome: result.outcome,
    message,
    tracked,
    failureSummary: { reason: summary.reason, blocking: summary.blocking, text: summary.text },
    details,
  };
}

/**
 * A graceful stop: the step stays Running (nothing is frozen) and says so in its task log. A lost
 * lease is no stop: the instance that took the deployment over numbers the step's task log now
 * (its takeover line says why), so a line from here would take one of its numbers; the true
 * reason goes to this instance's server log only.
 */
async function paused(env: Pick<StepEnvironment, "signal" | "logger">, log: StepLog): Promise<"Stopped"> {
  const reason: unknown = env.signal?.reason;
  if (reason instanceof LeaseLost) {
    env.logger?.warn({ takenOverBy: reason.takenOverBy }, `${reason.message}: this instance stops running the step and leaves its task log to that instance`);
    return "Stopped";
  }
  log.info(PAUSED_LINE);
  await log.flush();
  return "Stopped";
}

const RESUME_DISCOVERY_RETRY: RetryPolicy = { firstDelayMs: 1_000, maxDelayMs: 10_000, giveUpAfterMs: 60_000 };

const HELM_NOT_RESUMABLE =
  "The server restarted while Helm was running; a Helm step cannot be resumed (Helm's process, its wait and its hooks ended with the server). Deploy again to finish the release";

/**
 * A step the previous process left Running: tracking restarts from the checkpointed top-level
 * rows (their uids and applied manifests) and the cluster's current state. Returns undefined
 * when the step had not finished applying (no checkpointed rows): the caller renders and applies
 * again, which server-side apply makes idempotent.
 */
async function resumeTracking(env: StepEnvironment, step: StepToRun, log: StepLog, resume: ResumeState): Promise<Finished | "Stopped" | undefined> {
  const at = utc(resume.restartedAt);
  if (step.type === "helm-chart") return { outcome: "Failed", message: HELM_NOT_RESUMABLE, ...(await checkpointedRows(env.db, step.stepRunId)) };
  const verification = step.verification as ObjectStatusVerification;
  const tops = resume.topLevel.filter((row) => row.uid && row.manifest);
  if (!verification.enabled || tops.length === 0) {
    log.info(
      `The server restarted at ${at} before this step finished applying: its objects are applied again (server-side apply changes nothing already applied).`,
    );
    return undefined;
  }
  const details = new Map<string, RowDetails>(tops.map((row) => [row.key, { manifest: row.manifest }]));
  const namespace = (step.config as { namespace?: string }).namespace || env.defaultNamespace;
  // The cluster may still be starting too: discovery is retried for a while before the step fails.
  let warned = false;
  const resolved = await withRetry(
    () =>
      resolveObjectResources(
        env.kubeConfig,
        tops.map((row) => row.manifest as KubeObject),
        namespace,
      ),
    env.resumeRetry ?? RESUME_DISCOVERY_RETRY,
    (error) => {
      if (!warned) log.warn(`Warning: the cluster cannot be reached to resume tracking (${errorText(error)}); retrying.`);
      warned = true;
    },
  ).catch((error: unknown) => error as Error);
  if (resolved instanceof Error)
    return {
      outcome: "Failed",
      message: `Tracking cannot resume after the server restart at ${at}: the cluster could not be reached (${errorText(resolved)})`,
      ...(await checkpointedRows(env.db, step.stepRunId)),
    };
  const topLevel: TrackedTopLevel[] = [];
  for (const [i, { object, resource, namespace: objectNamespace }] of resolved.entries()) {
    if (!resource)
      return {
        outcome: "Failed",
        message: `Tracking cannot resume after the server restart at ${at}: the cluster no longer knows kind ${object.kind} in apiVersion ${object.apiVersion}`,
        ...(await checkpointedRows(env.db, step.stepRunId)),
      };
    const row = tops[i]!;
    topLevel.push({
      key: row.key,
      uid: row.uid!,
      apiVersion: object.apiVersion,
      kind: object.kind,
      namespace: objectNamespace,
      name: object.metadata.name,
      resource: { ...resource, kind: object.kind },
    });
  }
  const deadline = deadlineOf(env, verification, resume);
  if (deadline && deadline.getTime() <= env.clock.now()) {
    log.error(`The server restarted at ${at}, after the step's timeout had ended (${utc(deadline)}): its objects are looked at once more.`);
    const observed = await observeApplied(env, step, log, topLevel, details);
    return { outcome: "TimedOut", message: "Timed out while the server was stopped", ...observed };
  }
  return track(env, step, log, { topLevel, details }, verification, resume);
}

/** The rows a stopped process checkpointed, as a tracker result: kept in the frozen snapshot. */
async function checkpointedRows(db: Database, stepRunId: string): Promise<Pick<Finished, "tracked" | "details">> {
  const [rows, stored, run] = await Promise.all([
    loadStepRows(db, stepRunId),
    db.objectRow.findMany({ where: { stepRunId }, select: { objectKey: true, manifest: true, observed: true } }),
    db.stepRun.findUniqueOrThrow({ where: { id: stepRunId }, select: { lastSequence: true } }),
  ]);
  const details = new Map<string, RowDetails>(
    stored.map((row) => [
      row.objectKey,
      { ...(row.manifest !== null ? { manifest: row.manifest } : {}), ...(row.observed !== null ? { observed: row.observed } : {}) },
    ]),
  );
  return {
    tracked: { outcome: "Failed", blockingKeys: [], rows, transitions: [], finishedAt: new Date(), lastSequence: run.lastSequence, observed: new Map() },
    details,
  };
}

type FinishEnvironment = Pick<StepEnvironment, "db" | "events" | "deploymentId" | "logger" | "freezeRetry" | "logRetry">;

/**
 * A step left Running that cannot be resumed (its environment's target is gone, its credentials
 * no longer unseal, the kubeconfig policy now refuses it): Failed with the reason, every
 * checkpointed row kept in its frozen snapshot.
 */
export async function failInterruptedStep(env: FinishEnvironment, stepRunId: string, lastLogSeq: number, reason: string): Promise<StepOutcome> {
  const log = new StepLog(env.db, env.events, env.deploymentId, stepRunId, {
    logger: env.logger,
    lastSeq: lastLogSeq,
    ...(env.logRetry ? { retry: env.logRetry } : {}),
  });
  log.error(`Tracking cannot resume after the server restart: ${reason}.`);
  return finish(env, { stepRunId }, log, {
    outcome: "Failed",
    message: `Not resumed after a server restart: ${reason}`,
    ...(await checkpointedRows(env.db, stepRunId)),
  });
}

// A busy database delays these small writes instead of failing the step.
const markRunning = (env: StepEnvironment, stepRunId: string) =>
  withRetry(() => env.db.stepRun.update({ where: { id: stepRunId }, data: { status: "Running", startedAt: new Date() } }), env.logRetry ?? LOG_WRITE_RETRY);

/** A step that cannot even start (its stored document is invalid): failed, with the reason in its log. */
export async function failStep(env: StepEnvironment, step: Pick<StepToRun, "stepRunId" | "name">, message: string): Promise<StepOutcome> {
  const log = new StepLog(env.db, env.events, env.deploymentId, step.stepRunId, { logger: env.logger, ...(env.logRetry ? { retry: env.logRetry } : {}) });
  await markRunning(env, step.stepRunId);
  log.error(`Step "${step.name}" cannot run: ${message}.`);
  return finish(env, step, log, { outcome: "Failed", message });
}

async function finish(env: FinishEnvironment, step: Pick<StepToRun, "stepRunId">, log: StepLog, result: Finished): Promise<StepOutcome> {
  log.write(
    result.outcome === "Succeeded" ? "info" : "error",
    `Step ${result.outcome === "Succeeded" ? "succeeded" : result.outcome === "TimedOut" ? "timed out" : "failed"}: ${result.message}.`,
  );
  // Never rejects: a task log the database refuses must not keep the step from freezing.
  await log.flush();
  const frozenAt = new Date();
  const finishedAt = result.tracked?.finishedAt ?? new Date();
  const final = result.outcome === "Succeeded" ? undefined : finalWords(result.tracked, finishedAt);
  const input: FreezeInput = {
    status: result.outcome,
    outcomeMessage: result.message,
    failureSummary: result.failureSummary,
    rows: final?.rows ?? result.tracked?.rows ?? [],
    transitions: final?.transitions ?? result.tracked?.transitions ?? [],
    transitionsMaybeStored: result.tracked?.transitionsMaybeStored ?? false,
    finishedAt,
    lastSequence: result.tracked?.lastSequence ?? 0,
    frozenAt,
    details: withObserved(result.details, result.tracked?.observed),
  };
  let outcome = result.outcome;
  let outcomeMessage = result.message;
  const freezeStartedAt = performance.now();
  let freezeReported = false;
  const frozen = (saved: boolean) => {
    if (!freezeReported) env.events.emit("freeze", { stepRunId: step.stepRunId, seconds: (performance.now() - freezeStartedAt) / 1000, saved });
    freezeReported = true;
  };
  try {
    await freezeDurably(env.db, step.stepRunId, input, { policy: env.freezeRetry ?? FREEZE_RETRY, logger: env.logger });
    frozen(true);
    // Lines the short flush above gave up on (the database locked at the end of the step) are
    // retried as long as the freeze was: the verdict lines outlast a lock like the snapshot does.
    await log.flush(env.freezeRetry ?? FREEZE_RETRY);
  } catch (error) {
    frozen(false);
    // The database stayed unavailable: the step fails visibly, and its rows, held here, are
    // written as soon as the database is back.
    outcome = "Failed";
    outcomeMessage = `The step's result could not be saved (${errorText(error)}); it is saved as soon as the database is available again`;
    env.logger?.error({ err: error, stepRunId: step.stepRunId }, "the step could not be frozen; retrying in the background");
    log.error(`${outcomeMessage}.`);
    void log.flush();
    void keepFreezing(
      env.db,
      step.stepRunId,
      { ...input, status: "Failed", outcomeMessage: `${result.message}. ${outcomeMessage}` },
      { logger: env.logger, ...(env.freezeRetry ? { everyMs: env.freezeRetry.maxDelayMs * 2 } : {}) },
    );
  }
  env.events.emit("step", {
    deploymentId: env.deploymentId,
    stepRunId: step.stepRunId,
    status: outcome,
    outcomeMessage,
    phase: { name: "finished" },
    frozenAt: frozenAt.toISOString(),
  });
  return outcome;
}

/**
 * A frozen table only holds final words: a row still InProgress when a step fails (Helm gave up,
 * apply stopped part-way, the server stopped) becomes TimedOut, as the step's own timeout does.
 */
export function finalWords(tracked: Pick<TrackerResult, "rows" | "transitions"> | undefined, at: Date) {
  if (!tracked) return undefined;
  const transitions = [...tracked.transitions];
  const rows = tracked.rows.map((row) => {
    if (row.status !== "InProgress") return row;
    const message = `Timed out while in progress: ${row.message}`;
    transitions.push({ key: row.key, at, status: "TimedOut", message });
    return { ...row, status: "TimedOut" as const, message, lastChangeAt: at.toISOString() };
  });
  return { rows, transitions };
}

/** Adds the last observed object of the rows worth keeping it for (top-level, and those not in Success). */
function withObserved(details: Map<string, RowDetails> | undefined, observed: Map<string, unknown> | undefined): Map<string, RowDetails> {
  const merged = new Map(details ?? []);
  for (const [key, object] of observed ?? []) merged.set(key, { ...merged.get(key), observed: object });
  return merged;
}
