// Shared by the fault-injection tests (`npm run test:faults`, docs/reliability.md): a StepTracker
// on the sandbox with production watch settings, recording what the API server sent (410s), and
// the comparison of a step's final table with the cluster's real state.
import assert from "node:assert/strict";
import { AppsV1Api, CoreV1Api, type KubeConfig } from "@kubernetes/client-node";
import { systemClock } from "../kube/clock.ts";
import { WatchHub } from "../kube/watch-hub.ts";
import { httpTransport } from "../kube/http-transport.ts";
import type { ObjectRowView, RowChangeBatch } from "../contracts/object-status.ts";
import { StepTracker, type TrackerOptions, type TrackerResult } from "../tracking/step-tracker.ts";
import type { TrackedTopLevel } from "../tracking/watch-plan.ts";
import { CountingRequests } from "../tracking/tracker-harness.ts";

export const until = async (condition: () => boolean, timeoutMs: number, what: string): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

// The system clock's timers do not hold the process: while the API server is down, this keeps
// the test process alive until the tracker decides.
export const holdProcess = (): (() => void) => {
  const timer = setInterval(() => undefined, 1_000);
  return () => clearInterval(timer);
};

export const deployment = (name: string, namespace: string, replicas: number, readyAfter: string) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name, namespace },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name }, annotations: { "sandbox.kdeploy.dev/ready-after": readyAfter } },
      spec: { containers: [{ name: "app", image: "nginx:1.27" }] },
    },
  },
});

export type Recorded = {
  counter: CountingRequests;
  /** Watch ERROR events the API server sent, as "<plural> <code> <message>". */
  watchErrors: string[];
  /** Each batch with the time it was emitted. */
  batches: { at: number; batch: RowChangeBatch }[];
  log: { at: number; line: string }[];
};

/** A StepTracker on `kubeConfig` with the production WatchHub settings (90 s stall window, backoff). */
export function trackRecorded(
  kubeConfig: KubeConfig,
  objects: TrackedTopLevel[],
  options: TrackerOptions,
): { recorded: Recorded; done: Promise<TrackerResult> } {
  const recorded: Recorded = { counter: new CountingRequests(), watchErrors: [], batches: [], log: [] };
  const hub = new WatchHub(
    (_cluster, resource, namespace) => {
      const transport = httpTransport(kubeConfig, resource, namespace, recorded.counter);
      return {
        list: (signal) => transport.list(signal),
        watch: (resourceVersion, signal, onEvent, onOpen) =>
          transport.watch(
            resourceVersion,
            signal,
            (type, object) => {
              if ((type as string) === "ERROR") {
                const status = object as unknown as { code?: number; message?: string };
                recorded.watchErrors.push(`${resource.plural} ${status.code} ${status.message}`);
              }
              onEvent(type, object);
            },
            onOpen,
          ),
      };
    },
    { lingerMs: 0 },
  );
  const tracker = new StepTracker({
    hub,
    clusterKey: "faults",
    clock: systemClock,
    stepRunId: "fault-step",
    options,
    sink: {
      onRows: (batch) => recorded.batches.push({ at: Date.now(), batch }),
      onLog: (level, message) => recorded.log.push({ at: Date.now(), line: `${level}: ${message}` }),
    },
  });
  const done = tracker.start(objects).finally(() => hub.stop());
  return { recorded, done };
}

/** The live table as a viewer has it: every batch applied in order. */
export function liveTable(batches: readonly { batch: RowChangeBatch }[]): Map<string, ObjectRowView> {
  const table = new Map<string, ObjectRowView>();
  for (const { batch } of batches) {
    for (const row of batch.upserts) table.set(row.key, row);
    for (const key of batch.removals) table.delete(key);
  }
  return table;
}

/**
 * The final table against the cluster: the Deployment's row and its ReplicaSets and pods are
 * exactly those that exist now, each pod row Success exactly when the pod is Ready.
 */
export async function assertTableMatchesCluster(
  kubeConfig: KubeConfig,
  namespace: string,
  deploymentName: string,
  rows: readonly { kind: string; name: string; status: string; message: string }[],
): Promise<void> {
  const apps = kubeConfig.makeApiClient(AppsV1Api);
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const live = await apps.readNamespacedDeployment({ name: deploymentName, namespace });
  const ready = (live.status?.readyReplicas ?? 0) === live.spec?.replicas && (live.status?.updatedReplicas ?? 0) === live.spec?.replicas;
  const top = rows.find((row) => row.kind === "Deployment" && row.name === deploymentName);
  assert.ok(top, "a Deployment row");
  assert.equal(top.status, ready ? "Success" : "InProgress", `Deployment row ${top.status} (${top.message}) vs cluster ready=${ready}`);
  const replicaSets = (await apps.listNamespacedReplicaSet({ namespace })).items.map((rs) => rs.metadata!.name!).sort();
  assert.deepEqual(
    rows
      .filter((row) => row.kind === "ReplicaSet")
      .map((row) => row.name)
      .sort(),
    replicaSets,
    "ReplicaSet rows are the cluster's ReplicaSets",
  );
  const pods = (await core.listNamespacedPod({ namespace })).items;
  const podRows = rows.filter((row) => row.kind === "Pod");
  assert.deepEqual(podRows.map((row) => row.name).sort(), pods.map((p) => p.metadata!.name!).sort(), "pod rows are the cluster's pods");
  for (const pod of pods) {
    const isReady = pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
    const row = podRows.find((r) => r.name === pod.metadata!.name)!;
    assert.equal(row.status === "Success", isReady, `pod ${row.name}: row ${row.status} (${row.message}), cluster Ready=${isReady}`);
    assert.doesNotMatch(row.message, /state unknown|cannot watch/i, `pod ${row.name} has no stale suffix`);
  }
}
