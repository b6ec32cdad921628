// Issue 12's "10,000 tracked objects in one step": N Deployments × 8 pods (1,000 × 8 in --full:
// 1,000 Deployments + 1,000 ReplicaSets + 8,000 pods) on enough kwok nodes, pods Ready at once.
// 1. kubectl: `kubectl apply --server-side -f` of the manifests into its own namespace (process
//    start to exit), then that namespace is deleted and awaited. Its copy says `paused: true`, the
//    one difference: unpaused, the controllers created 3,000 pods on the same 2 cores while kubectl
//    was still applying (over 3 minutes at load 22), and emptying that namespace took minutes more.
//    Ours is applied unpaused and competes with the pods being created: the handicap is ours.
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
import { readyDeployments } from "./rollout-manifests.ts";
import type { RolloutChildResult } from "./rollout-child.ts";

export type RolloutConfig = { deployments: number; replicas: number };
export type RolloutResult = {
  config: RolloutConfig & { benchNodes: number };
  trackedRows: number;
  apply: { oursMs: number; kubectlMs: number | null; kubectlError?: string };
  /** Our apply's end → "Desired state reached". */
  rolloutSeconds: number;
  overhead: Overheads;
  cpu: { averagePercent: number; peakPercent: number; cpuSeconds: number; wallSeconds: number; samples: number };
  heap: { baselineBytes: number; atDesiredStateAfterGcBytes: number; bytesPerTrackedObject: number; peakSampledBytesPerTrackedObject: number };
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
    // 1. kubectl apply --server-side of the same manifests.
    const kubectlNamespace = await cluster.createNamespace("bench-rollout-kubectl");
    const file = join(dir, "deployments.yaml");
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
    log.info(`  rollout: kubectl apply --server-side of ${config.deployments} Deployments: ${kubectlMs ?? kubectlError} ms`);
    let cleanupStart = nowMs();
    await emptyNamespaceFast(kubectlNamespace);
    await deleteNamespace(kubectlNamespace, true, NAMESPACE_DELETE_MS);
    cleanupMs += nowMs() - cleanupStart;
    log.info(`  rollout: kubectl's namespace deleted in ${Math.round((nowMs() - cleanupStart) / 1000)} s`);

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
        apply: { oursMs: round(ours.applyEndedAt - ours.applyStartedAt)!, kubectlMs, ...(kubectlError ? { kubectlError } : {}) },
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
          peakSampledBytesPerTrackedObject: Math.round((ours.heap.peakSampledBytes - ours.heap.baselineBytes) / Math.max(1, ours.trackedRows)),
        },
        requests: ours.requests,
        cleanupSeconds: 0,
      };
      log.info(
        `  rollout: ours apply ${result.apply.oursMs} ms (kubectl ${kubectlMs} ms); ${result.trackedRows} rows; desired state ${result.rolloutSeconds} s after apply; overhead median ${overhead.perDeploymentMs.median} ms, p95 ${overhead.perDeploymentMs.p95} ms, step ${overhead.stepMs} ms (${overhead.missingInOurs} missing); CPU avg ${result.cpu.averagePercent} % peak ${result.cpu.peakPercent} %; heap ${result.heap.bytesPerTrackedObject} B/object`,
      );
      cleanupStart = nowMs();
      watch.stop();
      await emptyNamespaceFast(namespace);
      await deleteNamespace(namespace, true, NAMESPACE_DELETE_MS);
      cleanupMs += nowMs() - cleanupStart;
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
