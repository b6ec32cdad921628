// Scenario 4, run in its own process (`node --expose-gc --import tsx`) so the heap it measures
// holds only the engine: a StepTracker on a WatchHub whose transport is in memory.
//   throughput: watch events (JSON lines, parsed as the HTTP transport does) per CPU second
//   memory:     retained heap per tracked object after tracking 5,000 objects
import { writeHeapSnapshot } from "node:v8";
import { WatchHub } from "../../server/kube/watch-hub.ts";
import { systemClock } from "../../server/kube/clock.ts";
import type { KubeObject, WatchTransport } from "../../server/kube/watch-stream.ts";
import type { ResourceType } from "../../server/kube/resources.ts";
import { StepTracker } from "../../server/tracking/step-tracker.ts";
import type { TrackedTopLevel } from "../../server/tracking/watch-plan.ts";
import { NAMESPACE, deployment, deploymentUid, pod, replicaSet } from "./engine-fixtures.ts";

const DEPLOYMENT_RESOURCE: ResourceType = { group: "apps", version: "v1", plural: "deployments", kind: "Deployment", namespaced: true };
const turn = () => new Promise((resolve) => setImmediate(resolve));

type Feed = { emit?: (type: string, object: KubeObject) => void };

/** In-memory transport: lists build objects on demand; the pods watch stays open for `feed`. */
function memoryTransport(resource: ResourceType, deployments: number, podsPerDeployment: number, feed: Feed, rollingOut: boolean): WatchTransport {
  return {
    async list() {
      const items: KubeObject[] = [];
      for (let d = 0; d < deployments; d++) {
        if (resource.plural === "deployments") items.push(deployment(d, podsPerDeployment, rollingOut));
        if (resource.plural === "replicasets") items.push(replicaSet(d, podsPerDeployment, rollingOut));
        if (resource.plural === "pods") for (let p = 0; p < podsPerDeployment; p++) items.push(pod(d, p, true, "12"));
      }
      // Through JSON, as the HTTP transport receives them: parsed strings and objects, not the
      // fixtures' template-literal strings (which V8 keeps as larger concatenated strings).
      return { items: JSON.parse(JSON.stringify(items)) as KubeObject[], resourceVersion: "100" };
    },
    watch(_resourceVersion, signal, onEvent) {
      if (resource.plural === "pods") feed.emit = onEvent;
      return new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
    },
  };
}

async function startTracking(deployments: number, podsPerDeployment: number, rollingOut = false) {
  const feed: Feed = {};
  const hub = new WatchHub((_c, resource) => memoryTransport(resource, deployments, podsPerDeployment, feed, rollingOut), { lingerMs: 0 });
  let batches = 0;
  let rowsEmitted = 0;
  const tracker = new StepTracker({
    hub,
    clusterKey: "bench",
    clock: systemClock,
    stepRunId: "bench",
    options: { waitForJobs: true, outcome: { timeoutSeconds: 3600, stabilizationSeconds: 3600, podsCannotStart: null } },
    sink: { onRows: (batch) => ((batches += 1), (rowsEmitted += batch.upserts.length)), onLog: () => undefined },
  });
  const objects: TrackedTopLevel[] = Array.from({ length: deployments }, (_, d) => ({
    key: deploymentUid(d),
    uid: deploymentUid(d),
    apiVersion: "apps/v1",
    kind: "Deployment",
    namespace: NAMESPACE,
    name: `app-${d}`,
    resource: DEPLOYMENT_RESOURCE,
  }));
  void tracker.start(objects);
  // Lists resolve in microtasks; turns until every stream synced and the tracker shows every row
  // (70,000 rows take more than a few turns), so the measurement holds only the events.
  const expectedRows = deployments * (2 + podsPerDeployment);
  for (let i = 0; i < 10_000 && (!feed.emit || tracker.snapshot().rows.length < expectedRows); i++) await turn();
  for (let i = 0; i < 10; i++) await turn();
  if (!feed.emit) throw new Error("the pods watch never opened");
  return { tracker, hub, feed, stats: () => ({ batches, rowsEmitted, rows: tracker.snapshot().rows.length }) };
}

async function throughput(events: number, deployments: number, podsPerDeployment: number, rollingOut = false) {
  const { tracker, hub, feed, stats } = await startTracking(deployments, podsPerDeployment, rollingOut);
  // Events are prepared as JSON lines up front; parsing them is part of the measured work, as in
  // the HTTP transport. 20 events per event-loop turn ≈ one network chunk of a busy watch.
  const lines: string[] = [];
  for (let i = 0; i < events; i++) {
    const d = i % deployments;
    const p = Math.floor(i / deployments) % podsPerDeployment;
    lines.push(JSON.stringify({ type: "MODIFIED", object: pod(d, p, Math.floor(i / (deployments * podsPerDeployment)) % 2 === 1, String(1000 + i)) }));
  }
  const before = stats();
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  for (let i = 0; i < lines.length; i++) {
    const event = JSON.parse(lines[i]!) as { type: string; object: KubeObject };
    feed.emit!(event.type, event.object);
    if (i % 20 === 19) await turn();
  }
  await turn();
  await turn();
  const cpu = process.cpuUsage(cpuStart);
  const wallMs = performance.now() - wallStart;
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const after = stats();
  tracker.stop();
  await hub.stop();
  return {
    events,
    deployments,
    podsPerDeployment,
    rollingOut,
    trackedRows: after.rows,
    cpuSeconds,
    wallSeconds: wallMs / 1000,
    eventsPerCpuSecond: Math.round(events / cpuSeconds),
    batchesEmitted: after.batches - before.batches,
    rowsEmitted: after.rowsEmitted - before.rowsEmitted,
  };
}

async function settledHeap() {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("run with node --expose-gc");
  for (let i = 0; i < 4; i++) {
    gc();
    await turn();
  }
  return process.memoryUsage().heapUsed;
}

async function memory(trackedObjects: number, heapSnapshot?: string) {
  // Tracked objects = rows: each Deployment brings one ReplicaSet and two pods (4 rows).
  const podsPerDeployment = 2;
  const deployments = Math.round(trackedObjects / (2 + podsPerDeployment));
  // Warm up once (module code, JIT, hidden classes) so the baseline does not flatter the result.
  const warm = await startTracking(10, podsPerDeployment);
  warm.tracker.stop();
  await warm.hub.stop();
  const baseline = await settledHeap();
  const { tracker, hub, stats } = await startTracking(deployments, podsPerDeployment);
  const rows = stats().rows;
  const tracking = await settledHeap();
  // What holds the bytes (open in Chrome DevTools, Memory tab): `"heapSnapshot": "/tmp/engine.heapsnapshot"`.
  if (heapSnapshot) writeHeapSnapshot(heapSnapshot);
  const retained = tracking - baseline;
  tracker.stop();
  await hub.stop();
  return {
    trackedObjects: rows,
    deployments,
    baselineHeapBytes: baseline,
    trackingHeapBytes: tracking,
    retainedBytes: retained,
    bytesPerTrackedObject: Math.round(retained / rows),
    bytesPerDeployment: Math.round(retained / deployments),
  };
}

const config = JSON.parse(process.argv[2] ?? "{}") as {
  events?: number;
  trackedObjects?: number;
  deployments?: number[];
  widePods?: number[];
  heapSnapshot?: string;
};
// Tables of 700, 7,000 and 70,000 rows (Deployments × (1 ReplicaSet + 5 pods)): events per CPU
// second should not depend on how many rows the step tracks if the per-event work is O(1) plus the
// affected rows. "Wide": one Deployment with many pods, where a parent's message summarises every
// child: the per-event work must not grow with the number of siblings either.
const events = config.events ?? 50_000;
const throughputs = [];
for (const deployments of config.deployments ?? [100, 1_000, 10_000]) throughputs.push(await throughput(events, deployments, 5));
for (const pods of config.widePods ?? [698, 6_998]) throughputs.push(await throughput(events, 1, pods, true));
const result = {
  throughput: throughputs,
  memory: await memory(config.trackedObjects ?? 5_000, config.heapSnapshot),
};
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
