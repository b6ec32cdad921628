// The sandbox runs real controllers: Deployments, StatefulSets and DaemonSets roll out onto
// kwok nodes, and deleting a Deployment garbage-collects what it owned.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { AppsV1Api, CoreV1Api } from "@kubernetes/client-node";
import { useSandbox, type Sandbox } from "../testing";
import { eventually } from "./eventually";
import { isPodReady, podTemplate } from "./fixtures";

let sandbox: Sandbox;
let apps: AppsV1Api;
let core: CoreV1Api;

before(async () => {
  sandbox = await useSandbox();
  apps = sandbox.kubeConfig.makeApiClient(AppsV1Api);
  core = sandbox.kubeConfig.makeApiClient(CoreV1Api);
});
after(() => sandbox.cleanup());

async function createWebDeployment(namespace: string): Promise<void> {
  await apps.createNamespacedDeployment({
    namespace,
    body: {
      metadata: { name: "web" },
      spec: { replicas: 3, selector: { matchLabels: { app: "web" } }, template: podTemplate({ app: "web" }) },
    },
  });
}

test("a Deployment of 3 replicas gets a ReplicaSet, 3 Running+Ready pods and availableReplicas=3", async () => {
  const namespace = await sandbox.createNamespace("deployment");
  await createWebDeployment(namespace);

  const deployment = await eventually(
    "deployment web available=3",
    () => apps.readNamespacedDeploymentStatus({ name: "web", namespace }),
    (d) => d.status?.availableReplicas === 3,
  );
  assert.equal(deployment.status?.readyReplicas, 3);

  const replicaSets = (await apps.listNamespacedReplicaSet({ namespace })).items;
  assert.equal(replicaSets.length, 1);
  assert.equal(replicaSets[0]?.metadata?.ownerReferences?.[0]?.name, "web");

  const pods = (await core.listNamespacedPod({ namespace, labelSelector: "app=web" })).items;
  assert.equal(pods.length, 3);
  for (const p of pods) {
    assert.equal(p.status?.phase, "Running");
    assert.ok(isPodReady(p), `${p.metadata?.name} is Ready`);
    assert.ok(p.spec?.nodeName?.startsWith("kwok-node-"), "scheduled onto a kwok node");
  }
});

test("a StatefulSet rolls out", async () => {
  const namespace = await sandbox.createNamespace("statefulset");
  await core.createNamespacedService({
    namespace,
    body: { metadata: { name: "db" }, spec: { clusterIP: "None", selector: { app: "db" }, ports: [{ port: 5432 }] } },
  });
  await apps.createNamespacedStatefulSet({
    namespace,
    body: {
      metadata: { name: "db" },
      spec: { serviceName: "db", replicas: 3, selector: { matchLabels: { app: "db" } }, template: podTemplate({ app: "db" }) },
    },
  });
  const statefulSet = await eventually(
    "statefulset db ready=3",
    () => apps.readNamespacedStatefulSetStatus({ name: "db", namespace }),
    (s) => s.status?.readyReplicas === 3 && s.status?.availableReplicas === 3,
  );
  assert.equal(statefulSet.status?.currentRevision, statefulSet.status?.updateRevision);
  const names = (await core.listNamespacedPod({ namespace })).items.map((p) => p.metadata?.name).sort();
  assert.deepEqual(names, ["db-0", "db-1", "db-2"]);
});

test("a DaemonSet rolls out onto every kwok node", async () => {
  const namespace = await sandbox.createNamespace("daemonset");
  await apps.createNamespacedDaemonSet({
    namespace,
    body: {
      metadata: { name: "agent" },
      spec: { selector: { matchLabels: { app: "agent" } }, template: podTemplate({ app: "agent" }) },
    },
  });
  const daemonSet = await eventually(
    "daemonset agent ready on all nodes",
    () => apps.readNamespacedDaemonSetStatus({ name: "agent", namespace }),
    (d) => (d.status?.desiredNumberScheduled ?? 0) > 0 && d.status?.numberReady === d.status?.desiredNumberScheduled,
  );
  const nodes = (await core.listNode()).items.filter((n) => n.metadata?.annotations?.["kwok.x-k8s.io/node"] === "fake");
  assert.equal(daemonSet.status?.desiredNumberScheduled, nodes.length);
  assert.equal(daemonSet.status?.numberAvailable, nodes.length);
});

test("deleting a Deployment garbage-collects its ReplicaSets and pods", async () => {
  const namespace = await sandbox.createNamespace("gc");
  await createWebDeployment(namespace);
  await eventually(
    "3 web pods",
    () => core.listNamespacedPod({ namespace }),
    (list) => list.items.length === 3,
  );
  await apps.deleteNamespacedDeployment({ name: "web", namespace, propagationPolicy: "Background" });
  await eventually(
    "no ReplicaSets left",
    () => apps.listNamespacedReplicaSet({ namespace }),
    (list) => list.items.length === 0,
  );
  await eventually(
    "no pods left",
    () => core.listNamespacedPod({ namespace }),
    (list) => list.items.length === 0,
  );
});
