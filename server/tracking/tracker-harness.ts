// Runs a StepTracker against a real cluster for tests and benchmarks: a hub over HTTP with a
// request counter, objects created directly (the executor's apply is tested on its own).
import { KubernetesObjectApi, type KubeConfig, type KubernetesObject } from "@kubernetes/client-node";
import { systemClock } from "../kube/clock.ts";
import { WatchHub } from "../kube/watch-hub.ts";
import { httpTransport } from "../kube/http-transport.ts";
import type { RequestCounter } from "../kube/http.ts";
import type { ResourceType } from "../kube/resources.ts";
import type { RowChangeBatch } from "../contracts/object-status.ts";
import { StepTracker, type TrackerOptions, type TrackerResult } from "./step-tracker.ts";
import type { TrackedTopLevel } from "./watch-plan.ts";

export class CountingRequests implements RequestCounter {
  counts = { list: 0, watch: 0, get: 0 };
  record(verb: "list" | "watch" | "get") {
    this.counts[verb]++;
  }
  get total() {
    return this.counts.list + this.counts.watch + this.counts.get;
  }
}

const RESOURCES: Record<string, ResourceType> = {
  Deployment: { group: "apps", version: "v1", plural: "deployments", kind: "Deployment", namespaced: true },
  StatefulSet: { group: "apps", version: "v1", plural: "statefulsets", kind: "StatefulSet", namespaced: true },
  DaemonSet: { group: "apps", version: "v1", plural: "daemonsets", kind: "DaemonSet", namespaced: true },
  Job: { group: "batch", version: "v1", plural: "jobs", kind: "Job", namespaced: true },
  CronJob: { group: "batch", version: "v1", plural: "cronjobs", kind: "CronJob", namespaced: true },
  Pod: { group: "", version: "v1", plural: "pods", kind: "Pod", namespaced: true },
  Service: { group: "", version: "v1", plural: "services", kind: "Service", namespaced: true },
  ConfigMap: { group: "", version: "v1", plural: "configmaps", kind: "ConfigMap", namespaced: true },
};

export async function createObjects(kubeConfig: KubeConfig, objects: KubernetesObject[]): Promise<TrackedTopLevel[]> {
  const api = KubernetesObjectApi.makeApiClient(kubeConfig);
  const tracked: TrackedTopLevel[] = [];
  for (const object of objects) {
    const created = await api.create(object);
    const resource = RESOURCES[object.kind!];
    if (!resource) throw new Error(`tracker harness: no resource for ${object.kind}`);
    tracked.push({
      key: created.metadata!.uid!,
      uid: created.metadata!.uid!,
      apiVersion: object.apiVersion!,
      kind: object.kind!,
      namespace: created.metadata!.namespace,
      name: created.metadata!.name!,
      resource,
      live: created as Record<string, unknown>,
    });
  }
  return tracked;
}

export async function track(
  kubeConfig: KubeConfig,
  objects: TrackedTopLevel[],
  options: TrackerOptions,
  counter = new CountingRequests(),
  /** Sees each batch as it is emitted (a test waiting for a row before injecting a fault). */
  onRows?: (batch: RowChangeBatch) => void,
): Promise<{ result: TrackerResult; batches: RowChangeBatch[]; log: string[]; counter: CountingRequests; hub: WatchHub }> {
  const hub = new WatchHub((_cluster, resource, namespace) => httpTransport(kubeConfig, resource, namespace, counter), { lingerMs: 0 });
  const batches: RowChangeBatch[] = [];
  const log: string[] = [];
  const tracker = new StepTracker({
    hub,
    clusterKey: "test",
    clock: systemClock,
    stepRunId: "test-step",
    options,
    sink: { onRows: (batch) => (batches.push(batch), onRows?.(batch)), onLog: (level, message) => log.push(`${level}: ${message}`) },
  });
  const result = await tracker.start(objects);
  await hub.stop();
  return { result, batches, log, counter, hub };
}
