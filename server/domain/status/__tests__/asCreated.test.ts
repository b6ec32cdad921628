// Every kind the engine knows, judged on the object exactly as the API server returns it from
// create (captured by __fixtures__/capture-as-created.sh): status empty or absent, no
// observedGeneration. A workload must never be Success before its controller has looked at it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { knownGroupKinds } from "../computeObjectStatus";
import { fixture, patched } from "../__fixtures__/fixtureBuilders";
import { groupOf, type KubeObject } from "../kubeObject";
import type { StatusContext } from "../statusContext";
import { verdictOf } from "./statusTestHelpers";

const created = fixture("as-created").items as KubeObject[];

function asCreated(kind: string, name?: string): KubeObject {
  const found = created.find((object) => object.kind === kind && (name === undefined || object.metadata?.name === name));
  assert.ok(found, `as-created.json has no ${kind} ${name ?? ""}`);
  return found;
}

const crashingPods = [1, 2, 3].map((n) => ({
  kind: "Pod",
  name: `node-agent-${n}`,
  status: "Error" as const,
  cause: { reason: "CrashLoopBackOff", detail: "back-off restarting failed container agent" },
}));

interface Row {
  readonly name: string;
  readonly object: KubeObject;
  readonly context?: Partial<StatusContext>;
  readonly expected: [string, string];
}

const waiting: [string, string] = ["InProgress", "Waiting for the controller"];

const rows: readonly Row[] = [
  { name: "Deployment", object: asCreated("Deployment"), expected: waiting },
  { name: "ReplicaSet", object: asCreated("ReplicaSet"), expected: waiting },
  { name: "StatefulSet", object: asCreated("StatefulSet"), expected: waiting },
  { name: "DaemonSet (zero counters, not 'No nodes to run on')", object: asCreated("DaemonSet"), expected: waiting },
  { name: "DaemonSet whose pods already crash-loop", object: asCreated("DaemonSet"), context: { descendants: crashingPods }, expected: waiting },
  { name: "Job, waiting for Jobs", object: asCreated("Job"), expected: waiting },
  {
    name: "Job, not waiting for Jobs",
    object: asCreated("Job"),
    context: { waitForJobs: false },
    expected: ["Success", "Created; not waiting for completion"],
  },
  { name: "CronJob", object: asCreated("CronJob"), expected: ["Success", "Not scheduled yet"] },
  { name: "Pod", object: asCreated("Pod"), expected: ["InProgress", "Pending"] },
  { name: "Service (ClusterIP)", object: asCreated("Service", "web"), expected: ["Success", "Exists"] },
  { name: "Service (LoadBalancer)", object: asCreated("Service", "web-public"), expected: ["Success", "Waiting for an external address"] },
  { name: "EndpointSlice", object: asCreated("EndpointSlice"), expected: ["Success", "No endpoints"] },
  { name: "Ingress", object: asCreated("Ingress"), expected: ["Success", "No address assigned yet"] },
  { name: "ConfigMap", object: asCreated("ConfigMap"), expected: ["Success", "Exists"] },
  { name: "Secret", object: asCreated("Secret"), expected: ["Success", "Exists"] },
  { name: "PersistentVolumeClaim", object: asCreated("PersistentVolumeClaim"), expected: ["InProgress", "Pending: waiting for a volume to be bound"] },
  { name: "PersistentVolume", object: asCreated("PersistentVolume"), expected: ["InProgress", "Pending: waiting for the volume controller"] },
  { name: "HorizontalPodAutoscaler (v2)", object: asCreated("HorizontalPodAutoscaler", "web"), expected: ["Success", "Exists"] },
  { name: "HorizontalPodAutoscaler (v1)", object: asCreated("HorizontalPodAutoscaler", "web-v1"), expected: ["Success", "Exists"] },
  { name: "APIService", object: asCreated("APIService"), expected: ["InProgress", "Waiting for the Available condition"] },
  { name: "Namespace", object: asCreated("Namespace"), expected: ["Success", "Active"] },
  { name: "CustomResourceDefinition", object: asCreated("CustomResourceDefinition"), expected: ["InProgress", "Waiting for the API server to establish it"] },
  { name: "custom resource", object: asCreated("WidgetAsCreated"), expected: ["Success", "No status reported"] },
];

for (const row of rows) {
  test(`as created: ${row.name} is ${row.expected[0]}, ${row.expected[1]}`, () => {
    assert.equal(row.object.status?.observedGeneration, undefined, "an object as created has no observedGeneration");
    assert.deepEqual(verdictOf(row.object, row.context), row.expected);
  });
}

test("as created: the table covers every kind with a rule of its own, and a custom resource", () => {
  const covered = new Set(rows.map((row) => `${groupOf(row.object.apiVersion)}/${row.object.kind ?? ""}`));
  assert.deepEqual(
    knownGroupKinds.filter((groupKind) => !covered.has(groupKind)),
    [],
  );
  assert.ok(rows.some((row) => groupOf(row.object.apiVersion) === "example.kdeploy.dev"));
});

test("as created: no workload is ever Success while waiting for Jobs", () => {
  const workloads = new Set(["Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job"]);
  for (const object of created.filter((candidate) => workloads.has(candidate.kind ?? ""))) {
    assert.notEqual(verdictOf(object)[0], "Success", `${object.kind} as created`);
  }
});

// The checks that run before the kind rule apply to every kind alike.
for (const object of created) {
  const label = `${object.kind} ${object.metadata?.name ?? ""}`;
  test(`pre-checks for every kind: ${label} with a deletionTimestamp is InProgress, Terminating`, () => {
    const deleting = patched(object, { metadata: { deletionTimestamp: "2026-12-01T09:49:13Z" } });
    assert.deepEqual(verdictOf(deleting), ["InProgress", "Terminating"]);
  });
  test(`pre-checks for every kind: ${label} with observedGeneration behind generation waits for the controller`, () => {
    const stale = patched(object, { metadata: { generation: 3 }, status: { observedGeneration: 2 } });
    assert.deepEqual(verdictOf(stale), ["InProgress", "Waiting for the controller to observe generation 3"]);
  });
}

test("pre-checks for every kind: an applied object not in the cluster is InProgress, Not found", () => {
  assert.deepEqual(verdictOf(undefined), ["InProgress", "Not found"]);
});
