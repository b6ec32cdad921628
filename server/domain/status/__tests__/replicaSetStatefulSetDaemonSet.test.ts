import { test } from "node:test";
import assert from "node:assert/strict";
import { fixture, withSpec, withStatus } from "../__fixtures__/fixtureBuilders";
import { statusOf, verdictOf } from "./statusTestHelpers";

const replicaSet = fixture("replicaset-available");
const statefulSet = fixture("statefulset-ready");
const daemonSet = fixture("daemonset-ready");

test("ReplicaSet: available equal to desired is Success", () => {
  assert.deepEqual(statusOf(replicaSet), { status: "Success", message: "2 of 2 available", summary: "ready 2/2, available 2/2" });
});

test("ReplicaSet: ReplicaFailure=True is Error with reason and message", () => {
  const { status, message, cause } = statusOf(fixture("replicaset-replica-failure"));
  assert.equal(status, "Error");
  assert.match(message, /^FailedCreate: pods "web-7c9d8b6f5d-x2x7q" is forbidden: exceeded quota/);
  assert.equal(cause?.reason, "FailedCreate");
});

test("ReplicaSet: fewer available than desired is InProgress", () => {
  assert.deepEqual(verdictOf(withStatus(replicaSet, { availableReplicas: 1 })), ["InProgress", "1 of 2 available"]);
});

test("ReplicaSet: an old ReplicaSet scaled to 0 is Success, Scaled down", () => {
  const old = withStatus(withSpec(replicaSet, { replicas: 0 }), { replicas: 0, readyReplicas: undefined, availableReplicas: undefined });
  assert.deepEqual(verdictOf(old), ["Success", "Scaled down"]);
});

test("StatefulSet: all ready on the same revision is Success", () => {
  assert.deepEqual(statusOf(statefulSet), { status: "Success", message: "3 of 3 ready", summary: "ready 3/3, updated 3/3" });
});

test("StatefulSet: no observedGeneration yet is InProgress", () => {
  const fresh = withStatus(statefulSet, { observedGeneration: undefined });
  assert.deepEqual(verdictOf(fresh), ["InProgress", "Waiting for the controller"]);
});

test("StatefulSet: more replicas than desired is InProgress (scale-down)", () => {
  const shrinking = withSpec(statefulSet, { replicas: 2 });
  assert.deepEqual(verdictOf(shrinking), ["InProgress", "Scaling down: 3 replicas, 2 desired"]);
});

test("StatefulSet: fewer ready than desired is InProgress", () => {
  assert.deepEqual(verdictOf(withStatus(statefulSet, { readyReplicas: 1 })), ["InProgress", "1 of 3 ready"]);
});

test("StatefulSet: OnDelete is Success, saying pods update only when deleted while revisions differ", () => {
  const onDelete = withStatus(withSpec(statefulSet, { updateStrategy: { type: "OnDelete" } }), { updateRevision: "db-7d8e9f0a1b", updatedReplicas: 0 });
  assert.deepEqual(verdictOf(onDelete), ["Success", "pods update only when deleted"]);
  const converged = withSpec(statefulSet, { updateStrategy: { type: "OnDelete" } });
  assert.deepEqual(verdictOf(converged), ["Success", "3 of 3 ready"]);
});

test("StatefulSet: RollingUpdate with partition P is Success once updated >= desired - P", () => {
  const partitioned = withSpec(statefulSet, { updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 2 } } });
  const waiting = withStatus(partitioned, { updateRevision: "db-7d8e9f0a1b", updatedReplicas: 0 });
  assert.deepEqual(verdictOf(waiting), ["InProgress", "0 of 1 updated (partition 2)"]);
  const done = withStatus(partitioned, { updateRevision: "db-7d8e9f0a1b", updatedReplicas: 1 });
  assert.deepEqual(verdictOf(done), ["Success", "1 of 1 updated (partition 2)"]);
});

test("StatefulSet: without partition, Success only once currentRevision equals updateRevision", () => {
  const rolling = withStatus(statefulSet, { updateRevision: "db-7d8e9f0a1b", updatedReplicas: 1 });
  assert.deepEqual(verdictOf(rolling), ["InProgress", "Rolling update: 1 of 3 updated"]);
});

test("DaemonSet: all updated and available is Success", () => {
  assert.deepEqual(statusOf(daemonSet), {
    status: "Success",
    message: "3 of 3 available",
    summary: "desired 3, updated 3/3, ready 3/3, available 3/3",
  });
});

test("DaemonSet: OnDelete is Success even with pods to update", () => {
  const onDelete = withStatus(withSpec(daemonSet, { updateStrategy: { type: "OnDelete" } }), { updatedNumberScheduled: 0 });
  assert.deepEqual(verdictOf(onDelete), ["Success", "pods update only when deleted"]);
});

test("DaemonSet: fewer updated than desired is InProgress", () => {
  assert.deepEqual(verdictOf(withStatus(daemonSet, { updatedNumberScheduled: 1 })), ["InProgress", "1 of 3 updated"]);
});

test("DaemonSet: fewer available than desired is InProgress", () => {
  assert.deepEqual(verdictOf(withStatus(daemonSet, { numberAvailable: 2 })), ["InProgress", "2 of 3 available"]);
});

test("DaemonSet: no matching nodes is Success", () => {
  const none = withStatus(daemonSet, { desiredNumberScheduled: 0, updatedNumberScheduled: 0, numberAvailable: 0, numberReady: 0, currentNumberScheduled: 0 });
  assert.deepEqual(verdictOf(none), ["Success", "No nodes to run on"]);
});
