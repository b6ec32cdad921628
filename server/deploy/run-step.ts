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
import type { ObjectRowView } from "../contracts/object-status.ts";
import { freezeStep, checkpointRows, type RowDetails } from "../store/step-records.ts";
import { StepTracker, type TrackerResult } from "../tracking/step-tracker.ts";
import type { TrackedTopLevel } from "../tracking/watch-plan.ts";
import { runningTrackers } from "../tracking/running-trackers.ts";
import { renderStep, RenderError } from "./render/index.ts";
import { applyObjects, ApplyError, type AppliedObject } from "./apply/index.ts";
import { failureReport } from "./failure-report.ts";
import { StepLog } from "./step-log.ts";
import type { EngineEvents } from "./engine-events.ts";
import { deployTools } from "./tools.ts";
import { runHelmStep } from "./run-helm-step.ts";
import { readServerSettings } from "../settings/server-settings.ts";

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
};

export type StepToRun = { stepRunId: string; name: string; type: StepType; config: unknown; verification: ObjectStatusVerification | HelmVerification };
export type StepOutcome = "Succeeded" | "Failed" | "TimedOut";

const CHECKPOINT_MS = 1_000;

export async function runStep(env: StepEnvironment, step: StepToRun): Promise<StepOutcome> {
  const log = new StepLog(env.db, env.events, env.deploymentId, step.stepRunId);
  await env.db.stepRun.update({ where: { id: step.stepRunId }, data: { status: "Running", startedAt: new Date() } });
  env.events.emit("step", { deploymentId: env.deploymentId, stepRunId: step.stepRunId, status: "Running", outcomeMessage: "", phase: { name: "rendering" } });
  const workDir = await mkdtemp(join(tmpdir(), "kdeploy-step-"));
  try {
    log.info(`Step "${step.name}" started.`);
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
    env.events.emit("step", { deploymentId: env.deploymentId, stepRunId: step.stepRunId, status: "Running", outcomeMessage: "", phase: { name: "applying" } });
    const namespace = (step.config as { namespace?: string }).namespace || env.defaultNamespace;
    const applied = await applyObjects(env.kubeConfig, rendered.objects, { defaultNamespace: namespace, onLog: log.info });
    log.info(`Applied ${applied.length} object${applied.length === 1 ? "" : "s"} with server-side apply.`);
    const verification = step.verification as ObjectStatusVerification;
    if (!verification.enabled) {
      log.info("Verification is off for this step: it passes once its objects are applied.");
      return await finish(env, step, log, { outcome: "Succeeded", message: `Applied ${applied.length} objects; verification is off` });
    }
    const result = await track(env, step, log, applied, verification);
    return await finish(env, step, log, result);
  } catch (error) {
    const message = error instanceof RenderError || error instanceof ApplyError ? error.message : `Unexpected error: ${(error as Error).message}`;
    log.error(message);
    return await finish(env, step, log, { outcome: "Failed", message });
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

type Finished = { outcome: StepOutcome; message: string; tracked?: TrackerResult; failureSummary?: unknown; details?: Map<string, RowDetails> };

async function track(env: StepEnvironment, step: StepToRun, log: StepLog, applied: AppliedObject[], verification: ObjectStatusVerification): Promise<Finished> {
  const details = new Map<string, RowDetails>(applied.map((object) => [object.uid, { manifest: object.manifest, observed: object.live }]));
  const topLevel: TrackedTopLevel[] = applied.map((object) => ({
    key: object.uid,
    uid: object.uid,
    apiVersion: object.apiVersion,
    kind: object.kind,
    namespace: object.namespace,
    name: object.name,
    resource: { ...object.resource, kind: object.kind },
    live: object.live as Record<string, unknown>,
  }));
  const checkpoint = new Checkpointer(env.db, step.stepRunId, details);
  log.info(
    `Tracking ${applied.length} object${applied.length === 1 ? "" : "s"} and their children: ${verification.timeoutEnabled ? `timeout ${verification.timeoutSeconds} s` : "no timeout"}, stabilization ${verification.stabilizationSeconds} s, ${verification.waitForJobs ? "waiting" : "not waiting"} for Jobs.`,
  );
  const deadlineAt = verification.timeoutEnabled ? new Date(env.clock.now() + verification.timeoutSeconds * 1000).toISOString() : null;
  await env.db.stepRun.update({ where: { id: step.stepRunId }, data: { deadlineAt: deadlineAt ? new Date(deadlineAt) : null } });
  env.events.emit("step", { deploymentId: env.deploymentId, stepRunId: step.stepRunId, status: "Running", phase: { name: "tracking", deadlineAt } });
  const tracker = new StepTracker({
    hub: env.hub,
    clusterKey: env.clusterKey,
    clock: env.clock,
    stepRunId: step.stepRunId,
    options: {
      waitForJobs: verification.waitForJobs,
      outcome: {
        timeoutSeconds: verification.timeoutEnabled ? verification.timeoutSeconds : null,
        stabilizationSeconds: verification.stabilizationSeconds,
        podsCannotStart: verification.failEarlyWhenPodsCannotStart ? { graceSeconds: verification.podStartGraceSeconds } : null,
      },
    },
    sink: {
      onRows: (batch) => {
        checkpoint.add(batch.upserts, batch.removals, batch.seq);
        env.events.emit("rows", { deploymentId: env.deploymentId, batch });
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
  runningTrackers().set(step.stepRunId, tracker);
  const result = await tracker.start(topLevel).finally(() => runningTrackers().delete(step.stepRunId));
  await checkpoint.stop();
  if (result.outcome === "Succeeded")
    return { outcome: "Succeeded", message: "Every object reached its desired state and stayed there for the stabilization period", tracked: result, details };
  const summary = await failureReport(env.kubeConfig, result.rows, result.reason);
  log.error(summary.text);
  const message =
    result.outcome === "TimedOut"
      ? result.reason === "timeoutDuringStabilization"
        ? "Timed out during the stabilization period"
        : "Timed out while objects were still in progress"
      : "An object reached Error";
  return {
    outcome: result.outcome,
    message,
    tracked: result,
    failureSummary: { reason: summary.reason, blocking: summary.blocking, text: summary.text },
    details,
  };
}

async function finish(env: StepEnvironment, step: StepToRun, log: StepLog, result: Finished): Promise<StepOutcome> {
  log.write(
    result.outcome === "Succeeded" ? "info" : "error",
    `Step ${result.outcome === "Succeeded" ? "succeeded" : result.outcome === "TimedOut" ? "timed out" : "failed"}: ${result.message}.`,
  );
  await log.flush();
  const frozenAt = new Date();
  await freezeStep(env.db, step.stepRunId, {
    status: result.outcome,
    outcomeMessage: result.message,
    failureSummary: result.failureSummary,
    rows: result.tracked?.rows ?? [],
    transitions: result.tracked?.transitions ?? [],
    finishedAt: result.tracked?.finishedAt ?? new Date(),
    lastSequence: result.tracked?.lastSequence ?? 0,
    frozenAt,
    details: withObserved(result.details, result.tracked?.observed),
  });
  env.events.emit("step", {
    deploymentId: env.deploymentId,
    stepRunId: step.stepRunId,
    status: result.outcome,
    outcomeMessage: result.message,
    phase: { name: "finished" },
    frozenAt: frozenAt.toISOString(),
  });
  return result.outcome;
}

/** Adds the last observed object of the rows worth keeping it for (top-level, and those not in Success). */
function withObserved(details: Map<string, RowDetails> | undefined, observed: Map<string, unknown> | undefined): Map<string, RowDetails> {
  const merged = new Map(details ?? []);
  for (const [key, object] of observed ?? []) merged.set(key, { ...merged.get(key), observed: object });
  return merged;
}

/** Coalesces row changes and writes them about once a second, so a crash loses little. */
export class Checkpointer {
  private upserts = new Map<string, ObjectRowView>();
  private removals = new Set<string>();
  private seq = 0;
  private timer?: NodeJS.Timeout;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly stepRunId: string,
    private readonly details: Map<string, RowDetails>,
  ) {}

  add(upserts: ObjectRowView[], removals: string[], seq: number) {
    for (const row of upserts) {
      this.upserts.set(row.key, row);
      this.removals.delete(row.key);
    }
    for (const key of removals) {
      this.upserts.delete(key);
      this.removals.add(key);
    }
    this.seq = seq;
    this.timer ??= setTimeout(() => void this.write(), CHECKPOINT_MS);
  }

  private write() {
    this.timer = undefined;
    const upserts = [...this.upserts.values()];
    const removals = [...this.removals];
    this.upserts.clear();
    this.removals.clear();
    this.writing = this.writing.then(() => checkpointRows(this.db, this.stepRunId, upserts, removals, this.seq, this.details)).catch(() => undefined);
    return this.writing;
  }

  async stop() {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.writing;
  }
}
