// Issue 12's "10,000 tracked objects in one step": N Deployments × 8 pods (1,000 × 8 in --full:
// 1,000 Deployments + 1,000 ReplicaSets + 8,000 pods) on enough kwok nodes, pods Ready at once.
// 1. The apply side by side, on the same manifests with `paused: true` (their one difference
//    from the rollout's): `kubectl apply --server-side -f` (process start to exit), then
//    `applyObjects` as a step runs it, each into its own namespace, both deleted afterwards.
//    Paused, the controllers create no pods on the same 2 cores while either applies (unpaused,
//    they created 3,000 pods while kubectl was still applying, over 3 minutes at load 22). Until
//    2026-12-01T18:30Z ours was measured unpaused, during its own rollout, against kubectl paused.
// 2. ours, in a fresh namespace: rollout-child.ts applies the same manifests with applyObjects and
//    tracks them with the StepTracker (its CPU and heap in its own process), while this process
//    watches the Deployments itself (bench/lib/deployment-final-watch.ts). Engine overhead = our
//    row's Success − the harness seeing the Deployment rolled out (per Deployment), and "Desired
//    state reached" − the harness seeing the last one (the step).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { randomBytes } from "node:crypto";
import { stringify } from "yaml";
import { benchCluster, deleteNamespace, emptyNamespaceFast, ensureBenchNodes, removeBenchNodes } from "../lib/cluster.ts";
import { start } from "../lib/child-processes.ts";
import { nowMs, withTimeout } from "../lib/clock.ts";
import { watchDeploymentsFinal } from "../lib/deployment-final-watch.ts";
import { engineOverheads, type Overheads } from "../lib/overhead.ts";
import { round } from "../lib/stats.ts";
import type { Log } from "../lib/log.ts";
import { applyObjects } from "../../server/deploy/apply/index.ts";
import { readyDeployments } from "./rollout-manifests.ts";
import type { RolloutChildResult } from "./rollout-child.ts";

export type RolloutConfig = { deployments: number; replicas: number };
export type RolloutResult = {
  config: RolloutConfig & { benchNodes: number };
  trackedRows: number;
  /**
   * oursMs and kubectlMs: the same paused manifests (no pods), one run each. oursRolloutMs: our
   * apply of the rollout itself, unpaused, while the controllers create its pods (absent before
   * 2026-12-01T18:30Z, when oursMs was that figure against kubectl's paused one).
   */
  apply: { oursMs: number; kubectlMs: number | null; kubectlError?: string; oursRolloutMs?: number };
  /** Our apply's end → "Desired state reached". */
  rolloutSeconds: number;
  overhead: Overheads;
  cpu: { averagePercent: number; peakPercent: number; cpuSeconds: number; wallSeconds: number; samples: number };
  /**
   * bytesPerTrackedObject: the tracker and its watches, after GC at the desired state;
   * withApplyResultsBytesPerTrackedObject: plus the apply's results (manifest and live object per
   * applied object) that the step runner keeps for the snapshot until the freeze (absent before
   * 2026-12-01T18:30Z, when bytesPerTrackedObject included them).
   */
  heap: {
    baselineBytes: number;
    atDesiredStateAfterGcBytes: number;
    bytesPerTrackedObject: number;
    withApplyResultsBytesPerTrackedObject?: number;
    peakSampledBytesPerTrackedObject: number;
  };
  requests: { list: number; watch: number; get: number };
  /** Seconds the namespaces took to delete (8,000 pods are real work for the cluster). */
  cleanupSeconds: number;
};

const CHILD = fileURLToPath(new URL("./rollout-child.ts", import.meta.url));
const NAMESPACE_DELETE_MS = 10 * 60_000;

export async function runRollout(config: RolloutConfig, log: Log): Promise<RolloutResult> {
  const cluster = await benchCluster();
  const pods = config.deployments * config.replicas;
  const nodes = await ensureBenchNodes(pods);
  const dir = mkdtempSync(join(tmpdir(), "kdeploy-bench-rollout-"));
  let cleanupMs = 0;
  try {
    // 1. The apply, side by side on the same paused manifests: kubectl apply --server-side, then
    // applyObjects as a step runs it, each into its own namespace, then both namespaces deleted.
    const file = join(dir, "deployments.yaml");
    const kubectlNamespace = await cluster.createNamespace("bench-rollout-kubectl");
    writeFileSync(
      file,
      readyDeployments(config.deployments, config.replicas, kubectlNamespace, "kubectl", true)
        .map((object) => stringify(object))
        .join("---\n"),
    );
    const kubectlStart = nowMs();
    const kubectl = await start(`${cluster.binDir}/kubectl`, ["apply", "--server-side", "--kubeconfig", cluster.kubeconfigPath, "-f", file], {
      timeoutMs: 20 * 60_000,
    }).finished;
    const kubectlMs = kubectl.code === 0 ? round(kubectl.exitedAt - kubectlStart)! : null;
    const kubectlError = kubectl.code === 0 ? undefined : `kubectl apply exited ${kubectl.code ?? kubectl.signal}: ${kubectl.stderr.slice(-300)}`;
    log.info(`  rollout: kubectl apply --server-side of ${config.deployments} paused Deployments: ${kubectlMs ?? kubectlError} ms`);
    const pausedNamespace = await cluster.createNamespace("bench-rollout-paused");
    const pausedStart = nowMs();
    await applyObjects(cluster.kubeConfig, readyDeployments(config.deployments, config.replicas, pausedNamespace, "paused", true), {
      defaultNamespace: pausedNamespace,
    });
    const oursPausedMs = round(nowMs() - pausedStart)!;
    log.info(`  rollout: ours (applyObjects) of ${config.deployments} paused Deployments: ${oursPausedMs} ms`);
    let cleanupStart = nowMs();
    for (const name of [kubectlNamespace, pausedNamespace]) {
      await emptyNamespaceFast(name);
      await deleteNamespace(name, true, NAMESPACE_DELETE_MS);
    }
    cleanupMs += nowMs() - cleanupStart;
    log.info(`  rollout: the paused namespaces deleted in ${Math.round((nowMs() - cleanupStart) / 1000)} s`);

    // 2. ours: apply and track in the child; the harness watches the Deployments here.
    const namespace = await cluster.createNamespace("bench-rollout-ours");
    const watch = await watchDeploymentsFinal(cluster.kubeConfig, namespace, config.deployments);
    try {
      const child = await start(
        process.execPath,
        [
          "--expose-gc",
          "--import",
          "tsx",
          CHILD,
          JSON.stringify({
            kubeconfigPath: cluster.kubeconfigPath,
            namespace,
            deployments: config.deployments,
            replicas: config.replicas,
            group: randomBytes(3).toString("hex"),
          }),
        ],
        { timeoutMs: 30 * 60_000 },
      ).finished;
      if (child.code !== 0) throw new Error(`rollout child exited ${child.code ?? child.signal}: ${child.stderr.slice(-800)}`);
      const ours = JSON.parse(child.stdout.trim().split("\n").at(-1)!) as RolloutChildResult;
      // The harness may see the last Deployment a moment after our tracker did.
      await withTimeout(watch.allFinal, 60_000, "the harness's Deployment watch").catch(() => undefined);
      const overhead = engineOverheads(watch.finalAt, ours.successAt, ours.desiredStateReachedAt);
      const retained = ours.heap.atDesiredStateAfterGcBytes - ours.heap.baselineBytes;
      const result: RolloutResult = {
        config: { ...config, benchNodes: nodes.length },
        trackedRows: ours.trackedRows,
        apply: { oursMs: oursPausedMs, kubectlMs, ...(kubectlError ? { kubectlError } : {}), oursRolloutMs: round(ours.applyEndedAt - ours.applyStartedAt)! },
        rolloutSeconds: round((ours.desiredStateReachedAt - ours.applyEndedAt) / 1000)!,
        overhead,
        cpu: {
          averagePercent: round(ours.cpu.averagePercent)!,
          peakPercent: round(ours.cpu.peakPercent)!,
          cpuSeconds: round(ours.cpu.cpuSeconds, 2)!,
          wallSeconds: round(ours.cpu.wallSeconds)!,
          samples: ours.cpu.samples.length,
        },
        heap: {
          baselineBytes: ours.heap.baselineBytes,
          atDesiredStateAfterGcBytes: ours.heap.atDesiredStateAfterGcBytes,
          bytesPerTrackedObject: Math.round(retained / Math.max(1, ours.trackedRows)),
          withApplyResultsBytesPerTrackedObject: Math.round((ours.heap.withApplyResultsAfterGcBytes - ours.heap.baselineBytes) / Math.max(1, ours.trackedRows)),
          peakSampledBytesPerTrackedObject: Math.round((ours.heap.peakSampledBytes - ours.heap.baselineBytes) / Math.max(1, ours.trackedRows)),
        },
        requests: ours.requests,
        cleanupSeconds: 0,
      };
      log.info(
        `  rollout: ours apply of the rollout ${result.apply.oursRolloutMs} ms; ${result.trackedRows} rows; desired state ${result.rolloutSeconds} s after apply; overhead median ${overhead.perDeploymentMs.median} ms, p95 ${overhead.perDeploymentMs.p95} ms, step ${overhead.stepMs} ms (${overhead.missingInOurs} missing); CPU avg ${result.cpu.averagePercent} % peak ${result.cpu.peakPercent} %; heap ${result.heap.bytesPerTrackedObject} B/object (${result.heap.withApplyResultsBytesPerTrackedObject} with the apply's results)`,
      );
      cleanupStart = nowMs();
      watch.stop();
      const podsDeleted = await emptyNamespaceFast(namespace);
      const emptiedMs = nowMs() - cleanupStart;
      await deleteNamespace(namespace, true, NAMESPACE_DELETE_MS);
      cleanupMs += nowMs() - cleanupStart;
      log.info(
        `  rollout: ${podsDeleted} pods deleted in ${Math.round(emptiedMs / 1000)} s, the namespace gone ${Math.round((nowMs() - cleanupStart - emptiedMs) / 1000)} s later`,
      );
      result.cleanupSeconds = Math.round(cleanupMs / 1000);
      return result;
    } finally {
      watch.stop();
      await emptyNamespaceFast(namespace);
      await deleteNamespace(namespace, true, NAMESPACE_DELETE_MS);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await removeBenchNodes();
  }
}
