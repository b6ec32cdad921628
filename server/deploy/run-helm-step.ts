// A Helm step: `helm upgrade --install` decides pass or fail (with --wait / --wait-for-jobs /
// --timeout from the step's "Step Verification"). While it runs, the release's manifest, once
// Helm has stored it, feeds the same tracker so the status table is live; the table freezes when
// Helm returns, whatever the rows say.
import type { HelmVerification } from "../contracts/verification.ts";
import { StepTracker } from "../tracking/step-tracker.ts";
import type { TrackedTopLevel } from "../tracking/watch-plan.ts";
import { createDiscovery } from "./apply/discovery.ts";
import { createKubeHttp } from "./apply/kube-http.ts";
import { getReleaseManifest, releaseNamespace, runHelmUpgrade, writeTempKubeconfig, type HelmPlan } from "./helm/index.ts";
import type { RowDetails } from "../store/step-records.ts";
import type { StepEnvironment, StepToRun } from "./run-step.ts";
import { Checkpointer } from "./run-step.ts";
import type { StepLog } from "./step-log.ts";
import { deployTools } from "./tools.ts";

const MANIFEST_POLL_MS = 2_000;

export async function runHelmStep(env: StepEnvironment, step: StepToRun, plan: HelmPlan, workDir: string, log: StepLog) {
  const verification = step.verification as HelmVerification;
  const helmPath = deployTools().helm;
  const kubeconfigPath = await writeTempKubeconfig(env.kubeConfig, workDir);
  const namespace = releaseNamespace(plan, env.defaultNamespace);
  const details = new Map<string, RowDetails>();
  const checkpoint = new Checkpointer(env.db, step.stepRunId, details);
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
  }).finally(() => stopped.abort());

  // Follow the release's objects while Helm works (the manifest exists once Helm stored the release).
  const follow = (async () => {
    const discovery = createDiscovery(createKubeHttp(env.kubeConfig), env.clusterKey);
    while (!stopped.signal.aborted) {
      const objects = await getReleaseManifest({ releaseName: plan.releaseName, namespace }, { kubeconfigPath, helmPath, signal: stopped.signal }).catch(() => []);
      if (objects.length > 0) {
        const topLevel: TrackedTopLevel[] = [];
        for (const object of objects) {
          const resource = await discovery.find(object.apiVersion, object.kind).catch(() => undefined);
          if (!resource) continue;
          const objectNamespace = resource.namespaced ? (object.metadata.namespace ?? namespace) : undefined;
          const key = `${object.kind}/${objectNamespace ?? ""}/${object.metadata.name}`;
          details.set(key, { manifest: object });
          topLevel.push({ key, uid: key, apiVersion: object.apiVersion, kind: object.kind, namespace: objectNamespace, name: object.metadata.name, resource: { ...resource, kind: object.kind } });
        }
        log.info(`Following ${topLevel.length} objects of Helm release ${plan.releaseName} while Helm runs.`);
        tracker = new StepTracker({
          hub: env.hub,
          clusterKey: env.clusterKey,
          clock: env.clock,
          stepRunId: step.stepRunId,
          // Helm decides: the tracker only observes (no timeout, no stabilization verdict).
          options: { waitForJobs: verification.waitForJobs, outcome: { timeoutSeconds: null, stabilizationSeconds: 365 * 24 * 3600, podsCannotStart: null } },
          sink: {
            onRows: (batch) => {
              checkpoint.add(batch.upserts, batch.removals, batch.seq);
              env.events.emit("rows", { deploymentId: env.deploymentId, batch });
            },
            onLog: (level, message, at) => {
              if (!/Stabiliz|Desired state/.test(message)) log.write(level, message, at);
            },
          },
        });
        void tracker.start(topLevel);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, MANIFEST_POLL_MS).unref());
    }
  })();

  const result = await helm;
  await follow;
  // Give the watches a moment to deliver what Helm saw before we freeze the table.
  await new Promise((resolve) => setTimeout(resolve, 300));
  tracker?.stop();
  const tracked = tracker ? await tracker.done : undefined;
  await checkpoint.stop();
  const message = result.ok ? `Helm release ${plan.releaseName} ${verification.enabled ? "installed and ready" : "installed"}` : `Helm failed (exit code ${result.exitCode})`;
  return { outcome: result.ok ? ("Succeeded" as const) : ("Failed" as const), message, tracked: tracked ? { ...tracked } : undefined, details };
}
