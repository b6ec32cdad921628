// A Helm step: `helm upgrade --install` decides pass or fail (with --wait / --wait-for-jobs /
// --timeout from the step's "Step Verification"). While it runs, the release's manifest, once
// Helm has stored it, feeds the same tracker so the status table is live; the table freezes when
// Helm returns, whatever the rows say (rows still InProgress then are frozen as TimedOut: see
// finalWords in run-step.ts).
import type { HelmVerification } from "../contracts/verification.ts";
import { StepTracker } from "../tracking/step-tracker.ts";
import type { TrackedTopLevel } from "../tracking/watch-plan.ts";
import { runningTrackers } from "../tracking/running-trackers.ts";
import { createDiscovery } from "./apply/discovery.ts";
import { createKubeHttp } from "../kube/http.ts";
import { getReleaseManifest, releaseNamespace, runHelmUpgrade, writeTempKubeconfig, type HelmPlan } from "./helm/index.ts";
import type { RowDetails } from "../store/step-records.ts";
import type { StepEnvironment, StepToRun } from "./run-step.ts";
import { Checkpointer } from "./checkpointer.ts";
import type { StepLog } from "./step-log.ts";
import { deployTools } from "./tools.ts";
import { followingHelmRelease } from "./apply-messages.ts";

const MANIFEST_POLL_MS = 1_000;

export async function runHelmStep(env: StepEnvironment, step: StepToRun, plan: HelmPlan, workDir: string, log: StepLog) {
  const verification = step.verification as HelmVerification;
  const helmPath = deployTools().helm;
  const kubeconfigPath = await writeTempKubeconfig(env.kubeConfig, workDir);
  const namespace = releaseNamespace(plan, env.defaultNamespace);
  const details = new Map<string, RowDetails>();
  const checkpoint = new Checkpointer(env.db, step.stepRunId, details, { logger: env.logger, warn: log.warn, info: log.info });
  let tracker: StepTracker | undefined;
  const stopped = new AbortController();

  const helm = runHelmUpgrade(plan, {
    kubeconfigPath,
    helmPath,
    wait: verification.enabled,
    waitForJobs: verification.enabled && verification.waitForJobs,
    timeoutSeconds: verification.timeoutSeconds,
    defaultNamespace: env.defaultNamespace,
    onLog: (line) => log.info(`helm: ${line}`),
    // The executor stopping ends Helm too (the step fails and freezes; Helm keeps its release).
    ...(env.signal ? { signal: env.signal } : {}),
  }).finally(() => stopped.abort());

  const startTracking = async (objects: Awaited<ReturnType<typeof getReleaseManifest>>) => {
    const discovery = createDiscovery(createKubeHttp(env.kubeConfig), env.clusterKey);
    const topLevel: TrackedTopLevel[] = [];
    for (const object of objects) {
      const resource = await discovery.find(object.apiVersion, object.kind).catch(() => undefined);
      if (!resource) continue;
      const objectNamespace = resource.namespaced ? (object.metadata.namespace ?? namespace) : undefined;
      const key = `${object.kind}/${objectNamespace ?? ""}/${object.metadata.name}`;
      details.set(key, { manifest: object });
      topLevel.push({
        key,
        uid: key,
        apiVersion: object.apiVersion,
        kind: object.kind,
        namespace: objectNamespace,
        name: object.metadata.name,
        resource: { ...resource, kind: object.kind },
      });
    }
    log.info(followingHelmRelease(topLevel.length, plan.releaseName));
    tracker = new StepTracker({
      hub: env.hub,
      clusterKey: env.clusterKey,
      clock: env.clock,
      stepRunId: step.stepRunId,
      // Helm decides: the tracker only observes (no timeout, no stabilization verdict).
      options: { waitForJobs: verification.waitForJobs, outcome: { timeoutSeconds: null, stabilizationSeconds: 365 * 24 * 3600, podsCannotStart: null } },
      sink: {
        onRows: (batch, eventLagMs) => {
          checkpoint.add(batch.upserts, batch.removals, batch.seq);
          env.events.emit("rows", { deploymentId: env.deploymentId, batch, eventLagMs });
        },
        onLog: (level, message, at) => {
          if (!/Stabiliz|Desired state/.test(message)) log.write(level, message, at);
        },
      },
    });
    runningTrackers().set(step.stepRunId, tracker);
    void tracker.start(topLevel);
  };

  // Follow the release's objects while Helm works (the manifest exists once Helm stored the release).
  const follow = (async () => {
    while (!stopped.signal.aborted) {
      const objects = await getReleaseManifest({ releaseName: plan.releaseName, namespace }, { kubeconfigPath, helmPath, signal: stopped.signal }).catch(
        () => [],
      );
      if (objects.length > 0 && !stopped.signal.aborted) return startTracking(objects);
      await untilNextPoll(stopped.signal);
    }
  })();

  const result = await helm;
  await follow;
  // Helm can finish before the first look at its manifest: the table then shows the final state.
  if (!tracker) {
    const objects = await getReleaseManifest({ releaseName: plan.releaseName, namespace }, { kubeconfigPath, helmPath }).catch(() => []);
    if (objects.length) await startTracking(objects);
  }
  const current = tracker as StepTracker | undefined;
  await current?.whenSynced();
  current?.stop();
  const tracked = current ? await current.done : undefined;
  runningTrackers().delete(step.stepRunId);
  await checkpoint.stop();
  const message = result.ok
    ? `Helm release ${plan.releaseName} ${verification.enabled ? "installed and ready" : "installed"}`
    : env.signal?.aborted
      ? "The server stopped while Helm was running"
      : `Helm failed (exit code ${result.exitCode})`;
  return { outcome: result.ok ? ("Succeeded" as const) : ("Failed" as const), message, tracked: tracked ? { ...tracked } : undefined, details };
}

// The pause between looks at the manifest ends early when Helm returns. Not unref'd: while a step
// runs, its own timer must keep the process alive (a test process would otherwise exit mid-step).
function untilNextPoll(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, MANIFEST_POLL_MS);
    signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
  });
}
