// Issue 12's rollout scenario, the engine's side, in its own process (`node --expose-gc --import
// tsx`) so its CPU and heap are the engine's alone: applies the Deployments with `applyObjects`
// and tracks them with a StepTracker on a WatchHub over HTTP watches, as the server's step runner
// does (server/deploy/run-step.ts; without the database checkpoints). Prints one JSON line:
// apply time, per Deployment the time its row turned Success, "Desired state reached", CPU
// sampled every 500 ms (process.cpuUsage) and heap from the tracker's start to that moment.
//   node --expose-gc --import tsx bench/scenarios/rollout-child.ts '{"kubeconfigPath":…,"namespace":…,"deployments":100,"replicas":8}'
// BENCH_HEAP_SNAPSHOT=<prefix>: where the heap goes, <prefix>-baseline.heapsnapshot and
// <prefix>-desired.heapsnapshot (compare them in Chrome DevTools' Memory tab).
import { writeHeapSnapshot } from "node:v8";
import { KubeConfig } from "@kubernetes/client-node";
import { applyObjects } from "../../server/deploy/apply/index.ts";
import type { AppliedObject } from "../../server/deploy/apply/applied-object.ts";
import { trackedTopLevel } from "../../server/deploy/apply/tracked-top-level.ts";
import { StepTracker } from "../../server/tracking/step-tracker.ts";
import type { RowChangeBatch } from "../../server/contracts/object-status.ts";
import { CountingRequests } from "../../server/tracking/tracker-harness.ts";
import { WatchHub } from "../../server/kube/watch-hub.ts";
import { httpTransport } from "../../server/kube/http-transport.ts";
import { systemClock } from "../../server/kube/clock.ts";
import { nowMs } from "../lib/clock.ts";
import { readyDeployments } from "./rollout-manifests.ts";

export type RolloutChildResult = {
  applyStartedAt: number;
  applyEndedAt: number;
  desiredStateReachedAt: number;
  /** Epoch ms when the tracker first emitted the Deployment's row as Success, by name. */
  successAt: Record<string, number>;
  trackedRows: number;
  cpu: { samples: { at: number; percent: number }[]; averagePercent: number; peakPercent: number; cpuSeconds: number; wallSeconds: number };
  /** atDesiredStateAfterGcBytes: the tracker and its watches (the apply's results released); withApplyResultsAfterGcBytes: with them, as the step runner holds them. */
  heap: { baselineBytes: number; atDesiredStateAfterGcBytes: number; withApplyResultsAfterGcBytes: number; peakSampledBytes: number };
  requests: { list: number; watch: number; get: number };
};

const config = JSON.parse(process.argv[2] ?? "{}") as { kubeconfigPath: string; namespace: string; deployments: number; replicas: number; group: string };
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc");
const settledHeap = async () => {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
};
const heapSnapshot = (name: string) => process.env.BENCH_HEAP_SNAPSHOT && writeHeapSnapshot(`${process.env.BENCH_HEAP_SNAPSHOT}-${name}.heapsnapshot`);

const kubeConfig = new KubeConfig();
kubeConfig.loadFromFile(config.kubeconfigPath);

/** Tracks applied objects until "Desired state reached" (its epoch ms), then stops the tracker; its hub and tracker are returned stopped. */
async function trackToDesiredState(hub: WatchHub, stepRunId: string, applied: AppliedObject[], onRows: (batch: RowChangeBatch) => void) {
  let resolveReached!: (at: number) => void;
  const reached = new Promise<number>((resolve) => (resolveReached = resolve));
  const tracker = new StepTracker({
    hub,
    clusterKey: "bench",
    clock: systemClock,
    stepRunId,
    // The measured moment is "Desired state reached": the tracker is stopped right after it.
    options: { waitForJobs: true, outcome: { timeoutSeconds: 1800, stabilizationSeconds: 600, podsCannotStart: null } },
    sink: {
      onRows,
      onLog: (_level, message) => {
        if (message.startsWith("Desired state reached")) resolveReached(nowMs());
      },
    },
  });
  const finished = tracker.start(trackedTopLevel(applied));
  const at = await Promise.race([
    reached,
    finished.then((result) => {
      throw new Error(`tracker finished (${result.outcome}) without reaching the desired state`);
    }),
  ]);
  return { at, tracker };
}

// Warm-up, not measured: one ConfigMap applied and tracked first, so the code a step runs is
// loaded and compiled (and tsx's source maps read, which the apply's first 404 does) before the
// baseline, as in a server that has run steps before. Without it about 3 MB of code and module
// data counted as "per tracked object" (300 B each at 10,000 objects).
{
  const warmHub = new WatchHub((_cluster, resource, namespace) => httpTransport(kubeConfig, resource, namespace), { lingerMs: 0 });
  const configMap = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "bench-warm-up", namespace: config.namespace }, data: { a: "b" } };
  const warm = await trackToDesiredState(
    warmHub,
    "bench-warm-up",
    await applyObjects(kubeConfig, [configMap], { defaultNamespace: config.namespace }),
    () => {},
  );
  warm.tracker.stop();
  await warmHub.stop();
}

const baselineBytes = await settledHeap();
heapSnapshot("baseline");

// The apply's results (manifests and live objects) are the step runner's, kept until the freeze
// for the snapshot's top-level rows; held in one variable so the heap can be measured with and
// without them at the desired state.
const held: { applied?: AppliedObject[] } = {};
const applyStartedAt = nowMs();
held.applied = await applyObjects(kubeConfig, readyDeployments(config.deployments, config.replicas, config.namespace, config.group), {
  defaultNamespace: config.namespace,
});
const applyEndedAt = nowMs();

// From here on: the tracker's CPU and heap, sampled every 500 ms until the desired state.
const samples: { at: number; percent: number }[] = [];
let peakSampledBytes = 0;
const cpuStart = process.cpuUsage();
let lastCpu = cpuStart;
let lastAt = nowMs();
const sample = () => {
  const now = nowMs();
  const cpu = process.cpuUsage(lastCpu);
  lastCpu = process.cpuUsage();
  // Over the real interval: a busy event loop fires the timer late, the average stays true.
  if (now > lastAt) samples.push({ at: now, percent: ((cpu.user + cpu.system) / 1000 / (now - lastAt)) * 100 });
  lastAt = now;
  peakSampledBytes = Math.max(peakSampledBytes, process.memoryUsage().heapUsed);
};
const sampler = setInterval(sample, 500);

const counter = new CountingRequests();
const hub = new WatchHub((_cluster, resource, namespace) => httpTransport(kubeConfig, resource, namespace, counter), { lingerMs: 0 });
const successAt: Record<string, number> = {};
const { at: desiredStateReachedAt, tracker } = await trackToDesiredState(hub, "bench-rollout", held.applied, (batch) => {
  const at = nowMs();
  for (const row of batch.upserts) if (row.kind === "Deployment" && row.status === "Success" && !(row.name in successAt)) successAt[row.name] = at;
});
sample();
clearInterval(sampler);
const cpuTotal = process.cpuUsage(cpuStart);
const trackedRows = tracker.snapshot().rows.length;
const withApplyResultsAfterGcBytes = await settledHeap();
held.applied = undefined;
const atDesiredStateAfterGcBytes = await settledHeap();
heapSnapshot("desired");
tracker.stop();
await hub.stop();
const wallSeconds = (desiredStateReachedAt - applyEndedAt) / 1000;
const cpuSeconds = (cpuTotal.user + cpuTotal.system) / 1e6;
const result: RolloutChildResult = {
  applyStartedAt,
  applyEndedAt,
  desiredStateReachedAt,
  successAt,
  trackedRows,
  cpu: {
    samples,
    averagePercent: (cpuSeconds / Math.max(0.001, wallSeconds)) * 100,
    peakPercent: samples.reduce((max, s) => Math.max(max, s.percent), 0),
    cpuSeconds,
    wallSeconds,
  },
  heap: { baselineBytes, atDesiredStateAfterGcBytes, withApplyResultsAfterGcBytes, peakSampledBytes },
  requests: counter.counts,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
