// Scenario 2: what tracking costs the API server. Each tool tracks N Deployments whose pods never
// become Ready (so every tool keeps tracking for the whole window), one tool at a time, the same
// Deployments for every tool of one size (created once, the namespace deleted after the three). Requests
// are counted by the tool side (our CountingRequests, kubectl's -v=6 response log, the poller's
// own count) and cross-checked with the API server's /metrics before/after.
import { randomBytes } from "node:crypto";
import type { KubernetesObject } from "@kubernetes/client-node";
import { benchCluster, deleteNamespace, deploymentManifest } from "../lib/cluster.ts";
import type { TrackedTopLevel } from "../../server/tracking/watch-plan.ts";
import { scrapeMetrics, toolRequestCount, toolWatchesOpen } from "../lib/apiserver-metrics.ts";
import { sleepMs } from "../lib/clock.ts";
import { createTracked, trackWithOurEngine } from "../tools/ours.ts";
import { startKubectlRolloutStatus } from "../tools/kubectl-rollout-status.ts";
import { startPollingChecker } from "../tools/polling-checker.ts";
import type { Log } from "../lib/log.ts";

export const API_COST_TOOLS = ["ours", "kubectl rollout status", "polling checker (2 s)"] as const;
export type ApiCostTool = (typeof API_COST_TOOLS)[number];

/** Requests in the first seconds are start-up (LIST, opening watches); after that is the steady state. */
const WARMUP_SECONDS = 5;

export type ApiCostRow = {
  tool: ApiCostTool;
  n: number;
  windowSeconds: number;
  /** Requests the tool itself sent during the window (its own count). */
  requests: number;
  /** …of which after the first 5 s: periodic cost. */
  requestsAfterWarmup: number;
  requestsPerMinuteSteady: number;
  /** Watch connections the tool holds (its own count). */
  watchConnections: number;
  /** From /metrics: namespaced GET/LIST/WATCH on deployments/replicasets/pods during the window, and open-watch gauge delta at mid-window. */
  apiserverRequestsDelta: number;
  apiserverWatchesDelta: number;
  ourCounts?: { list: number; watch: number; get: number };
};
export type ApiCostResult = { config: { sizes: number[]; windowSeconds: number }; rows: ApiCostRow[] };

/** One size's Deployments, created once and tracked by each tool in turn (nothing changes while they wait: the pods never turn Ready). */
type Workload = { namespace: string; names: string[]; tracked: TrackedTopLevel[] };

async function createWorkload(n: number): Promise<Workload> {
  const cluster = await benchCluster();
  const namespace = await cluster.createNamespace("bench-cost");
  const runId = randomBytes(4).toString("hex");
  const manifests = Array.from({ length: n }, (_, i) => deploymentManifest(`app-${i}`, namespace, runId, 1, { neverReady: true }));
  const tracked = await createTracked(cluster.kubeConfig, manifests as KubernetesObject[]);
  // Let the controllers create the ReplicaSets and pods before the first window opens.
  await sleepMs(Math.min(15_000, 2_000 + n * 20));
  return { namespace, names: manifests.map((m) => m.metadata!.name!), tracked };
}

/** Until the open-watch gauge is back to `baseline` (the previous tool's watches closed), bounded. */
async function watchesClosed(baseline: number, timeoutMs = 10_000): Promise<void> {
  const cluster = await benchCluster();
  const deadline = Date.now() + timeoutMs;
  while (toolWatchesOpen(await scrapeMetrics(cluster.state)) > baseline && Date.now() < deadline) await sleepMs(250);
}

async function measureOne(tool: ApiCostTool, n: number, windowSeconds: number, workload: Workload, log: Log): Promise<ApiCostRow> {
  const cluster = await benchCluster();
  const { namespace, names, tracked } = workload;
  const before = await scrapeMetrics(cluster.state);
  const windowStart = Date.now();
  const warmupEnd = windowStart + WARMUP_SECONDS * 1000;
  const midWindow = sleepMs((windowSeconds * 1000) / 2).then(() => scrapeMetrics(cluster.state));
  let requestTimes: number[];
  let watchConnections = 0;
  let ourCounts: ApiCostRow["ourCounts"];
  let midSamples: Awaited<typeof midWindow>;
  if (tool === "ours") {
    const run = trackWithOurEngine(cluster.kubeConfig, tracked, windowSeconds * 10);
    const counts: number[] = [];
    // Our counter has no timestamps: read it at the end of the warm-up and at the end.
    await sleepMs(WARMUP_SECONDS * 1000);
    counts.push(run.counter.total);
    midSamples = await midWindow;
    watchConnections = run.hub.streamCount;
    await sleepMs(Math.max(0, windowStart + windowSeconds * 1000 - Date.now()));
    counts.push(run.counter.total);
    ourCounts = { ...run.counter.counts };
    await run.stop();
    requestTimes = [...Array(counts[0]).fill(windowStart), ...Array(counts[1]! - counts[0]!).fill(warmupEnd)];
  } else if (tool === "kubectl rollout status") {
    const run = startKubectlRolloutStatus(cluster.binDir, cluster.kubeconfigPath, namespace, names, windowSeconds * 10 * 1000, true);
    midSamples = await midWindow;
    await sleepMs(Math.max(0, windowStart + windowSeconds * 1000 - Date.now()));
    requestTimes = run.requests.map((r) => r.at);
    watchConnections = run.requests.filter((r) => r.watch).length;
    await Promise.all(run.processes.map((p) => p.stop()));
  } else {
    const run = startPollingChecker(cluster.apps, namespace, names, windowSeconds * 1000);
    midSamples = await midWindow;
    await run.done;
    run.stop();
    requestTimes = run.requests.map((r) => r.at);
  }
  const after = await scrapeMetrics(cluster.state);
  const inWindow = requestTimes.filter((t) => t <= windowStart + windowSeconds * 1000 + 500);
  const afterWarmup = inWindow.filter((t) => t >= warmupEnd).length;
  const row: ApiCostRow = {
    tool,
    n,
    windowSeconds,
    requests: inWindow.length,
    requestsAfterWarmup: afterWarmup,
    requestsPerMinuteSteady: Math.round((afterWarmup / (windowSeconds - WARMUP_SECONDS)) * 60),
    watchConnections,
    apiserverRequestsDelta: toolRequestCount(after) - toolRequestCount(before),
    apiserverWatchesDelta: toolWatchesOpen(midSamples) - toolWatchesOpen(before),
    ourCounts,
  };
  log.info(
    `  api-cost N=${n} ${tool}: ${row.requests} requests (${row.requestsAfterWarmup} after warm-up), ${row.watchConnections} watches; /metrics Δ ${row.apiserverRequestsDelta} requests, Δ ${row.apiserverWatchesDelta} open watches`,
  );
  return row;
}

export async function runApiCost(config: { sizes: number[]; windowSeconds: number }, log: Log): Promise<ApiCostResult> {
  const cluster = await benchCluster();
  const rows: ApiCostRow[] = [];
  for (const n of config.sizes) {
    const workload = await createWorkload(n);
    try {
      const baseline = toolWatchesOpen(await scrapeMetrics(cluster.state));
      for (const tool of API_COST_TOOLS) {
        await watchesClosed(baseline);
        rows.push(await measureOne(tool, n, config.windowSeconds, workload, log));
      }
    } finally {
      // Awaited: the namespace controller's LISTs while emptying it would count against the next size.
      await deleteNamespace(workload.namespace, true);
    }
  }
  return { config, rows };
}
