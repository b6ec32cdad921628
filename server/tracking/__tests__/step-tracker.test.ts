// The tracker on the in-memory watch hub (scripted transports, a manual clock): subscriptions
// are released however the step ends, and rows and log say when a watch is down or recovered.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { test } from "node:test";
import assert from "node:assert/strict";
import { WatchHub } from "../../kube/watch-hub.ts";
import type { ResourceType } from "../../kube/resources.ts";
import type { KubeObject } from "../../kube/watch-stream.ts";
import { bookmark, flush, httpError, ManualClock, ScriptedTransport } from "../../kube/__tests__/fakes.ts";
import type { ObjectRowView } from "../../contracts/object-status.ts";
import { StepTracker, type TrackerResult } from "../step-tracker.ts";
import { runningTrackers, stopAllTrackers } from "../running-trackers.ts";
import type { TrackedTopLevel } from "../watch-plan.ts";

const DEPLOYMENTS: ResourceType = { group: "apps", version: "v1", plural: "deployments", kind: "Deployment", namespaced: true };
const CONFIG_MAPS: ResourceType = { group: "", version: "v1", plural: "configmaps", kind: "ConfigMap", namespaced: true };

const meta = (uid: string, name: string, extra: Record<string, unknown> = {}) => ({ uid, name, namespace: "ns", resourceVersion: "1", ...extra });
const owner = (kind: string, uid: string) => ({ ownerReferences: [{ apiVersion: "apps/v1", kind, name: uid, uid, controller: true }] });

const readyDeployment = (): KubeObject => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: meta("d1", "web", { generation: 1, annotations: { "deployment.kubernetes.io/revision": "1" } }),
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: "web" } },
    template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "app", image: "nginx" }] } },
  },
  status: {
    observedGeneration: 1,
    replicas: 1,
    updatedReplicas: 1,
    readyReplicas: 1,
    availableReplicas: 1,
    conditions: [
      { type: "Available", status: "True" },
      { type: "Progressing", status: "True", reason: "NewReplicaSetAvailable" },
    ],
  },
});
const replicaSet = (): KubeObject => ({
  apiVersion: "apps/v1",
  kind: "ReplicaSet",
  metadata: meta("rs1", "web-1", { generation: 1, annotations: { "deployment.kubernetes.io/revision": "1" }, ...owner("Deployment", "d1") }),
  spec: { replicas: 1 },
  status: { observedGeneration: 1, replicas: 1, readyReplicas: 1, availableReplicas: 1, fullyLabeledReplicas: 1 },
});
const pod = (): KubeObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: meta("p1", "web-1-a", owner("ReplicaSet", "rs1")),
  spec: { containers: [{ name: "app", image: "nginx" }] },
  status: {
    phase: "Running",
    conditions: [{ type: "Ready", status: "True" }],
    containerStatuses: [{ name: "app", ready: true, restartCount: 0, state: { running: { startedAt: "2026-01-01T00:00:00Z" } } }],
  },
});

const topLevel = (object: KubeObject, resource: ResourceType): TrackedTopLevel => ({
  key: object.metadata.uid,
  uid: object.metadata.uid,
  apiVersion: object.apiVersion!,
  kind: object.kind!,
  namespace: "ns",
  name: object.metadata.name,
  resource,
  live: object as Record<string, unknown>,
});

function setup(lists: Record<string, KubeObject[]> = {}) {
  const clock = new ManualClock();
  const transports = new Map<string, ScriptedTransport>();
  const hub = new WatchHub(
    (_cluster, resource) => {
      const transport = new ScriptedTransport();
      transport.listResult = { items: lists[resource.plural] ?? [], resourceVersion: "10" };
      transports.set(resource.plural, transport);
      return transport;
    },
    { clock, lingerMs: 1_000, stallMs: 90_000, minBackoffMs: 100, maxBackoffMs: 1_000 },
  );
  const log: string[] = [];
  const rows = new Map<string, ObjectRowView>();
  const tracker = (timeoutSeconds: number | null, stabilizationSeconds: number, resumedStatuses?: ReadonlyMap<string, ObjectRowView["status"]>) =>
    new StepTracker({
      hub,
      clusterKey: "c1",
      clock,
      stepRunId: "step-1",
      ...(resumedStatuses ? { resumedStatuses } : {}),
      options: { waitForJobs: true, outcome: { timeoutSeconds, stabilizationSeconds, podsCannotStart: null } },
      sink: {
        onRows: (batch) => {
          for (const row of batch.upserts) rows.set(row.key, row);
          for (const key of batch.removals) rows.delete(key);
        },
        onLog: (level, message) => log.push(`${level}: ${message}`),
      },
    });
  return { clock, hub, transports, log, rows, tracker };
}

const settle = async (result: Promise<TrackerResult>) => {
  let done: TrackerResult | undefined;
  void result.then((r) => (done = r));
  await flush();
  return done;
};

test("a tracker decided before it subscribes (stabilization 0, rows already Success) holds no watch", async () => {
  const { hub, tracker } = setup();
  const configMap: KubeObject = { apiVersion: "v1", kind: "ConfigMap", metadata: meta("cm1", "settings"), data: { a: "1" } };
  const t = tracker(180, 0);
  const result = await settle(t.start([topLevel(configMap, CONFIG_MAPS)]));
  assert.equal(result?.outcome, "Succeeded");
  assert.equal(hub.subscriberCount, 0, "every subscription released");
  assert.equal(hub.streamCount, 0, "no watch opened for a decided step");
  assert.deepEqual(t.retained, { objects: 0, subscriptions: 0 });
  await hub.stop();
});

test("rows whose watch is down say since when their state is unknown; a bookmark clears it and the log says the watch recovered", async () => {
  const { clock, hub, transports, log, rows, tracker } = setup({ deployments: [readyDeployment()], replicasets: [replicaSet()], pods: [pod()] });
  const t = tracker(180, 120);
  void t.start([topLevel(readyDeployment(), DEPLOYMENTS)]);
  await flush();
  assert.equal(rows.get("d1")?.status, "Success", JSON.stringify([...rows.values()]));
  assert.equal(rows.get("p1")?.status, "Success");

  await clock.advance(5_000);
  transports.get("pods")!.lastSession.fail(new Error("connect ECONNREFUSED 127.0.0.1:6443"));
  await flush();
  const suffix = "state unknown since 00:00:05: cannot watch pods (connect ECONNREFUSED 127.0.0.1:6443)";
  assert.ok(rows.get("d1")!.message.endsWith(`; ${suffix}`), rows.get("d1")!.message);
  assert.ok(rows.get("p1")!.message.endsWith(`; ${suffix}`), `the pod row does not pass its last known state off as current: ${rows.get("p1")!.message}`);
  assert.ok(log.includes("warning: Watching pods in ns failed: connect ECONNREFUSED 127.0.0.1:6443; their state is unknown since 00:00:05."), log.join("\n"));

  // Retries keep failing for a while; then the server is back and sends only a bookmark.
  await clock.advance(100);
  transports.get("pods")!.lastSession.fail(new Error("connect ECONNREFUSED 127.0.0.1:6443"));
  await flush();
  await clock.advance(30_000);
  assert.match(rows.get("d1")!.message, /state unknown since 00:00:05/, "since the start of the outage, not the last retry");
  transports.get("pods")!.lastSession.emit("BOOKMARK", bookmark("11"));
  await flush();
  assert.doesNotMatch(rows.get("d1")!.message, /state unknown|cannot watch/, "cleared without any real change");
  assert.doesNotMatch(rows.get("p1")!.message, /state unknown|cannot watch/);
  assert.ok(log.includes("info: Watching pods in ns recovered at 00:00:35 (state was unknown since 00:00:05, 30 s)."), log.join("\n"));
  t.stop();
  await hub.stop();
});

test("a silent watch is reported on the rows and in the log within the stall window, then relisted and recovered", async () => {
  const { clock, hub, transports, log, rows, tracker } = setup({ deployments: [readyDeployment()], replicasets: [replicaSet()], pods: [pod()] });
  const t = tracker(180, 170);
  void t.start([topLevel(readyDeployment(), DEPLOYMENTS)]);
  await flush();
  const pods = transports.get("pods")!;
  await clock.advance(89_999);
  assert.doesNotMatch(rows.get("p1")!.message, /state unknown/);
  await clock.advance(1);
  const detectedAt = clock.now();
  assert.match(rows.get("p1")!.message, /; state unknown since 00:00:00: cannot watch pods \(no event or bookmark for 90 s/);
  assert.ok(
    log.some((line) => line.startsWith("warning: Watching pods in ns stalled: no event or bookmark for 90 s")),
    log.join("\n"),
  );
  await clock.advance(200);
  assert.equal(pods.lists, 2, "relisted");
  assert.equal(pods.sessions.length, 2, "watching again");
  assert.doesNotMatch(rows.get("p1")!.message, /state unknown/);
  assert.ok(log.some((line) => /^info: Watching pods in ns recovered at 00:01:30/.test(line)));
  assert.ok(clock.now() - detectedAt <= 200, "re-established within 0.2 s of detection");
  t.stop();
  await hub.stop();
});

test("with the API server down, the step's outcome says the cluster was unreachable and names every watch", async () => {
  const { clock, hub, transports, log, tracker } = setup({ deployments: [{ ...readyDeployment(), status: {} }] });
  const t = tracker(20, 5);
  let result: TrackerResult | undefined;
  void t.start([topLevel({ ...readyDeployment(), status: {} }, DEPLOYMENTS)]).then((r) => (result = r));
  await flush();
  await clock.advance(1_000);
  for (const transport of transports.values()) {
    transport.watchError = new Error("connect ECONNREFUSED 127.0.0.1:6443");
    transport.lastSession.fail(transport.watchError);
  }
  await flush();
  await clock.advance(20_000);
  assert.equal(result?.outcome, "TimedOut", log.join("\n"));
  assert.equal(result?.watchProblem, "The cluster was unreachable since 00:00:01: every watch failed (connect ECONNREFUSED 127.0.0.1:6443)");
  assert.ok(
    log.includes(
      "error: Step timed out while objects were still in progress. The cluster was unreachable since 00:00:01: every watch failed (connect ECONNREFUSED 127.0.0.1:6443).",
    ),
    log.join("\n"),
  );
  assert.equal(hub.subscriberCount, 0);
  await hub.stop();
});

test("stopAllTrackers (shutdown) stops every running tracker, releases every watch and frees what they held", async () => {
  const { clock, hub, tracker } = setup({ deployments: [readyDeployment()], replicasets: [replicaSet()], pods: [pod()] });
  const t = tracker(180, 120);
  const done = t.start([topLevel(readyDeployment(), DEPLOYMENTS)]);
  runningTrackers().set("step-1", t);
  await flush();
  assert.equal(hub.subscriberCount, 3);
  assert.ok(t.retained.objects >= 3);
  assert.equal(await stopAllTrackers(), 1);
  const result = await done;
  assert.equal(result.stopped, true, "no verdict: the caller can tell a shutdown from an outcome");
  assert.equal(hub.subscriberCount, 0);
  assert.deepEqual(t.retained, { objects: 0, subscriptions: 0 });
  await clock.advance(1_000);
  assert.equal(hub.streamCount, 0, "the streams close after the linger");
  runningTrackers().delete("step-1");
  await hub.stop();
});

test("a PersistentVolumeClaim row names the StorageClass watch when that one is down (cluster-scoped, no namespace)", async () => {
  const claim: KubeObject = {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: meta("pvc1", "data"),
    spec: { storageClassName: "standard", resources: { requests: { storage: "1Gi" } } },
    status: { phase: "Pending" },
  };
  const CLAIMS: ResourceType = { group: "", version: "v1", plural: "persistentvolumeclaims", kind: "PersistentVolumeClaim", namespaced: true };
  const { hub, transports, rows, tracker } = setup({ persistentvolumeclaims: [claim] });
  const t = tracker(180, 10);
  void t.start([topLevel(claim, CLAIMS)]);
  await flush();
  transports.get("storageclasses")!.lastSession.fail(httpError(403));
  await flush();
  assert.match(rows.get("pvc1")!.message, /; state unknown since 00:00:00: cannot watch storageclasses \(HTTP 403\)$/);
  t.stop();
  await hub.stop();
});

test("a row still in progress at the first look starts its transitions (the stored timeline begins with it); one already Success is not recorded twice", async () => {
  const waiting = readyDeployment();
  waiting.status = { observedGeneration: 1, replicas: 1, updatedReplicas: 1, readyReplicas: 0, availableReplicas: 0 };
  const { clock, hub, tracker } = setup({ deployments: [waiting], replicasets: [], pods: [] });
  const configMap: KubeObject = { apiVersion: "v1", kind: "ConfigMap", metadata: meta("cm1", "settings"), data: { a: "1" } };
  const t = tracker(180, 60);
  const started = clock.now();
  void t.start([topLevel(waiting, DEPLOYMENTS), topLevel(configMap, CONFIG_MAPS)]);
  await flush();
  assert.deepEqual(
    t.transitionsOf("d1").map((transition) => [transition.at.getTime(), transition.status, transition.message]),
    [[started, "InProgress", "0 of 1 updated replicas available"]],
  );
  assert.deepEqual(
    t.transitionsOf("cm1").map((transition) => transition.status),
    ["Success"],
  );
  t.stop();
  await hub.stop();
});

test("a resumed tracker records no transition for a row whose status did not change, none for the placeholder before the first lists, one for a real change", async () => {
  const { hub, tracker } = setup({ deployments: [readyDeployment()], replicasets: [replicaSet()], pods: [pod()] });
  // Resumed as run-step does it: the top-level object without its live state, the checkpointed statuses.
  const { live: _live, ...resumedTop } = topLevel(readyDeployment(), DEPLOYMENTS);
  const t = tracker(
    180,
    60,
    new Map([
      ["d1", "InProgress"],
      ["rs1", "Success"],
      ["p1", "Success"],
    ]),
  );
  void t.start([resumedTop]);
  await t.whenSynced();
  await flush();
  assert.deepEqual(
    t.transitionsOf("d1").map((transition) => [transition.status, transition.message]),
    [["Success", t.snapshot().rows.find((row) => row.key === "d1")!.message]],
    "one transition: the real change, no InProgress placeholder (Not found) at the resume",
  );
  assert.deepEqual(t.transitionsOf("rs1"), [], "Success before and after: nothing recorded");
  assert.deepEqual(t.transitionsOf("p1"), []);
  t.stop();
  await hub.stop();
});

test("a resumed top-level row checkpointed Success and still Success records nothing (no blue blip)", async () => {
  const { hub, tracker } = setup({ deployments: [readyDeployment()], replicasets: [replicaSet()], pods: [pod()] });
  const { live: _live, ...resumedTop } = topLevel(readyDeployment(), DEPLOYMENTS);
  const t = tracker(180, 60, new Map([["d1", "Success"]]));
  void t.start([resumedTop]);
  await t.whenSynced();
  await flush();
  assert.equal(t.snapshot().rows.find((row) => row.key === "d1")?.status, "Success");
  assert.deepEqual(t.transitionsOf("d1"), []);
  t.stop();
  await hub.stop();
});

test("a Helm row (its key standing in for a uid) takes the watched object's real uid once seen, and emits it", async () => {
  const { hub, rows, tracker } = setup({ deployments: [readyDeployment()], replicasets: [replicaSet()], pods: [pod()] });
  const t = tracker(null, 3600);
  const key = "Deployment/ns/web";
  const { live: _live, ...fromManifest } = topLevel(readyDeployment(), DEPLOYMENTS);
  void t.start([{ ...fromManifest, key, uid: key }]);
  assert.equal(rows.get(key)?.uid, key, "before the first watch event the row carries the stand-in");
  await flush();
  assert.equal(rows.get(key)?.uid, "d1");
  assert.equal(rows.get(key)?.status, "Success");
  // Its children are still found through it.
  assert.ok([...rows.values()].some((row) => row.kind === "Pod" && row.uid === "p1"));
  t.stop();
  await hub.stop();
});

test("the tracker keeps each watched object projected (issue 12: heap per object) and gives the drawer the path of the whole object", async () => {
  const bulky = pod();
  bulky.metadata.managedFields = [{ manager: "kube-controller-manager", fieldsV1: { "f:spec": {} } }];
  bulky.spec = { ...(bulky.spec as object), volumes: [{ name: "token", projected: { sources: [] } }], tolerations: [{ key: "k" }] };
  const deployment = readyDeployment();
  deployment.metadata.managedFields = [{ manager: "kdeploy" }];
  const { hub, rows, tracker } = setup({ deployments: [deployment], replicasets: [replicaSet()], pods: [bulky] });
  const t = tracker(null, 3600);
  void t.start([topLevel(deployment, DEPLOYMENTS)]);
  await flush();
  assert.equal(rows.get("p1")?.status, "Success");
  const observedPod = t.observedObject("p1") as KubeObject & { spec: Record<string, unknown> };
  assert.equal(observedPod.metadata.managedFields, undefined);
  assert.equal(observedPod.spec.volumes, undefined, "a pod's volumes are not kept");
  assert.deepEqual(observedPod.spec.containers, [{ name: "app", image: "nginx" }]);
  assert.equal((t.observedObject("d1") as { spec: Record<string, unknown> }).spec.template, undefined, "a Deployment's template is not kept");
  assert.equal(t.objectPath("d1"), "/apis/apps/v1/namespaces/ns/deployments/web");
  assert.equal(t.objectPath("rs1"), "/apis/apps/v1/namespaces/ns/replicasets/web-1");
  assert.equal(t.objectPath("p1"), "/api/v1/namespaces/ns/pods/web-1-a");
  assert.equal(t.objectPath("nothing"), undefined);
  t.stop();
  const result = await t.done;
  assert.deepEqual(
    result.transitions.filter((transition) => transition.key === "p1").map((transition) => transition.status),
    ["Success"],
  );
  await hub.stop();
});

test("the outcome's deadline timer is armed once while the deadline stays the same, not once per event batch", async () => {
  // Every re-arm of an unref'd Node timer with a new delay used to leave an empty timer list alive
  // until that delay elapsed: 6,701 of them (161 bytes per tracked row) in the bench's rollout.
  const waiting = (restarts: number): KubeObject => {
    const base = pod();
    return {
      ...base,
      status: {
        phase: "Pending",
        containerStatuses: [{ name: "app", ready: false, restartCount: restarts, state: { waiting: { reason: "ContainerCreating" } } }],
      },
    };
  };
  const rollingOut: KubeObject = {
    ...readyDeployment(),
    status: {
      observedGeneration: 1,
      replicas: 1,
      updatedReplicas: 1,
      unavailableReplicas: 1,
      conditions: [{ type: "Progressing", status: "True", reason: "ReplicaSetUpdated" }],
    },
  };
  const { clock, hub, transports, rows, tracker } = setup({ deployments: [rollingOut], replicasets: [replicaSet()], pods: [waiting(0)] });
  const delays: number[] = [];
  const after = clock.after.bind(clock);
  clock.after = (ms, callback) => (delays.push(ms), after(ms, callback));
  const t = tracker(180, 0);
  const result = t.start([topLevel(rollingOut, DEPLOYMENTS)]);
  await flush();
  assert.equal(rows.get("p1")?.status, "InProgress", JSON.stringify([...rows.values()]));
  for (let i = 1; i <= 20; i++) {
    await clock.advance(10);
    transports.get("pods")!.lastSession.emit("MODIFIED", waiting(i));
    await flush();
  }
  assert.match(rows.get("p1")!.message, /ContainerCreating/);
  // The watch's stall watchdog (90 s) and the hub's linger (1 s) are the other timers.
  const deadlineTimers = delays.filter((ms) => ms > 100_000);
  assert.equal(deadlineTimers.length, 1, `deadline timers armed: ${deadlineTimers.join(", ")}`);
  await clock.advance(180_000);
  assert.equal((await settle(result))?.outcome, "TimedOut", "the one timer still ends the step at its deadline");
  await hub.stop();
});

test("the tracker keeps no reference to the applied objects it was started with (only their projection)", async () => {
  const { hub, tracker } = setup({ deployments: [readyDeployment()], replicasets: [replicaSet()], pods: [pod()] });
  // The whole applied object (its pod template, annotations …) held for the step's life cost a
  // copy per top-level object beside the projected one the rules read.
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  const t = tracker(180, 120);
  // Made and handed over in a function of its own, so no variable of the test holds it.
  const applied = ((top: TrackedTopLevel) => (void t.start([top]), new WeakRef(top.live!)))(topLevel(readyDeployment(), DEPLOYMENTS));
  await flush();
  gc();
  await flush();
  gc();
  assert.equal(applied.deref(), undefined, "the applied live object was garbage-collected");
  assert.equal(t.snapshot().rows.find((row) => row.key === "d1")?.status, "Success", "tracked from its projection and the watch");
  t.stop();
  await hub.stop();
});
