import { test } from "node:test";
import assert from "node:assert/strict";
import { fixture, patched, withSpec, withStatus } from "../__fixtures__/fixtureBuilders";
import { childLinksOf, isChildOf, ownerUidOf } from "../children/childLinks";
import { describeDescendantProblems } from "../children/childReasons";
import { isReplicaSetShown } from "../children/replicaSetVisibility";
import type { DescendantStatus } from "../statusContext";
import { statusOf, verdictOf } from "./statusTestHelpers";

test("child links: which kinds own which", () => {
  const kinds = (apiVersion: string, kind: string) => childLinksOf({ apiVersion, kind }).map((link) => link.childKind);
  assert.deepEqual(kinds("apps/v1", "Deployment"), ["ReplicaSet"]);
  assert.deepEqual(kinds("apps/v1", "ReplicaSet"), ["Pod"]);
  assert.deepEqual(kinds("apps/v1", "StatefulSet"), ["Pod"]);
  assert.deepEqual(kinds("apps/v1", "DaemonSet"), ["Pod"]);
  assert.deepEqual(kinds("batch/v1", "Job"), ["Pod"]);
  assert.deepEqual(kinds("batch/v1", "CronJob"), ["Job"]);
  assert.deepEqual(kinds("v1", "Service"), ["EndpointSlice"]);
  assert.deepEqual(kinds("v1", "ConfigMap"), []);
  assert.deepEqual(kinds("example.kdeploy.dev/v1", "Deployment"), []);
});

test("captured children point at their parents by owner uid", () => {
  const deployment = fixture("deployment-available");
  const replicaSet = fixture("replicaset-available");
  const pod = fixture("pod-running-ready");
  assert.equal(ownerUidOf(replicaSet), deployment.metadata?.uid);
  assert.ok(isChildOf(replicaSet, deployment));
  assert.ok(isChildOf(pod, replicaSet));
  assert.ok(!isChildOf(pod, deployment), "a pod is a grandchild of a Deployment, not a child");
  assert.ok(isChildOf(fixture("pod-succeeded"), fixture("job-complete")));
  assert.ok(!isChildOf(fixture("pod-succeeded"), fixture("job-failed")));
});

test("a Service's EndpointSlices are found by the service-name label in the same namespace", () => {
  const service = fixture("service-clusterip");
  const slice = fixture("endpointslice");
  assert.ok(isChildOf(slice, service));
  assert.ok(!isChildOf(slice, fixture("service-loadbalancer-pending")));
  assert.ok(!isChildOf(patched(slice, { metadata: { namespace: "elsewhere" } }), service));
});

test("an old ReplicaSet scaled to zero is shown only while it still owns pods", () => {
  const old = withStatus(withSpec(fixture("replicaset-available"), { replicas: 0 }), { replicas: 0 });
  assert.equal(isReplicaSetShown(old, { ownedPodCount: 0, deploymentRevision: "2" }), false);
  assert.equal(isReplicaSetShown(old, { ownedPodCount: 1, deploymentRevision: "2" }), true);
  assert.equal(isReplicaSetShown(fixture("replicaset-available"), { ownedPodCount: 0, deploymentRevision: "2" }), true);
  assert.equal(isReplicaSetShown(old, { ownedPodCount: 0, deploymentRevision: "1" }), true, "the current one is always shown");
});

const crashing: DescendantStatus[] = [
  { kind: "ReplicaSet", name: "crash-79bc58854f", status: "InProgress" },
  ...["crash-79bc58854f-fhck4", "crash-79bc58854f-wqhf7"].map((name) => ({
    kind: "Pod",
    name,
    ...statusOf(patched(fixture("pod-crashloop"), { metadata: { name } })),
  })),
];

test("children's reasons flow up into an InProgress parent's message", () => {
  const rolling = withStatus(fixture("deployment-available"), { availableReplicas: 0, readyReplicas: 0 });
  assert.deepEqual(verdictOf(rolling, { descendants: crashing }), ["InProgress", "2 pods CrashLoopBackOff: back-off restarting failed container app"]);
  assert.equal(statusOf(rolling, { descendants: crashing }).summary, "ready 0/2, updated 2/2, available 0/2");
});

test("an Error parent keeps its own reason first and adds the children's", () => {
  assert.deepEqual(verdictOf(fixture("deployment-progress-deadline-exceeded"), { descendants: crashing }), [
    "Error",
    'ProgressDeadlineExceeded: ReplicaSet "crash-79bc58854f" has timed out progressing.; 2 pods CrashLoopBackOff: back-off restarting failed container app',
  ]);
});

test("the captured crash-looping ReplicaSet says what its pods are stuck on", () => {
  const pods = crashing.filter((row) => row.kind === "Pod");
  assert.deepEqual(verdictOf(fixture("replicaset-crashloop"), { descendants: pods }), [
    "InProgress",
    "2 pods CrashLoopBackOff: back-off restarting failed container app",
  ]);
});

test("reason groups: errors first, then by count; at most two groups, then a count of the rest", () => {
  const cause = (reason: string, detail = "") => ({ reason, detail });
  const rows: DescendantStatus[] = [
    { kind: "Pod", name: "a", status: "InProgress", cause: cause("ContainerCreating") },
    { kind: "Pod", name: "b", status: "InProgress", cause: cause("ContainerCreating") },
    { kind: "Pod", name: "c", status: "Error", cause: cause("ImagePullBackOff", 'Back-off pulling image "x"') },
    { kind: "Pod", name: "d", status: "InProgress", cause: cause("Unschedulable", "0/3 nodes are available") },
    { kind: "Pod", name: "e", status: "Success", cause: cause("Ignored") },
    { kind: "Job", name: "f", status: "TimedOut" },
  ];
  assert.equal(describeDescendantProblems(rows), '1 pod ImagePullBackOff: Back-off pulling image "x"; 2 pods ContainerCreating; and 1 other reason');
  assert.equal(describeDescendantProblems([]), undefined);
});

test("a Success parent keeps its own message even when a child has trouble", () => {
  assert.deepEqual(verdictOf(fixture("deployment-available"), { descendants: crashing }), ["Success", "2 replicas updated and available"]);
});
