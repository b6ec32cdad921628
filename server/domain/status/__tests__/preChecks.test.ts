import { test } from "node:test";
import assert from "node:assert/strict";
import { fixture, patched, withStatus } from "../__fixtures__/fixtureBuilders";
import { verdictOf } from "./statusTestHelpers";

test("an applied object missing from the cluster is InProgress, Not found", () => {
  assert.deepEqual(verdictOf(undefined), ["InProgress", "Not found"]);
});

test("an object with a deletionTimestamp is InProgress, Terminating, whatever its kind says", () => {
  const deleting = patched(fixture("deployment-available"), { metadata: { deletionTimestamp: "2025-06-02T10:05:00Z" } });
  assert.deepEqual(verdictOf(deleting), ["InProgress", "Terminating"]);
  const deletingConfigMap = patched(fixture("configmap"), { metadata: { deletionTimestamp: "2025-06-02T10:05:00Z" } });
  assert.deepEqual(verdictOf(deletingConfigMap), ["InProgress", "Terminating"]);
});

test("observedGeneration behind generation waits for the controller, naming the generation", () => {
  const stale = patched(fixture("deployment-available"), { metadata: { generation: 3 }, status: { observedGeneration: 2 } });
  assert.deepEqual(verdictOf(stale), ["InProgress", "Waiting for the controller to observe generation 3"]);
});

test("the generation pre-check applies to custom resources too", () => {
  const stale = patched(fixture("custom-resource-not-ready"), { metadata: { generation: 2 } });
  assert.deepEqual(verdictOf(stale), ["InProgress", "Waiting for the controller to observe generation 2"]);
});

test("an observedGeneration equal to the generation lets the kind rule decide", () => {
  assert.equal(verdictOf(fixture("deployment-available"))[0], "Success");
});

test("a workload without observedGeneration waits for the controller; other kinds let their rule decide", () => {
  const noObserved = withStatus(fixture("daemonset-ready"), { observedGeneration: undefined });
  assert.deepEqual(verdictOf(noObserved), ["InProgress", "Waiting for the controller"]);
  const namespace = withStatus(fixture("namespace-active"), { observedGeneration: undefined });
  assert.equal(verdictOf(namespace)[0], "Success");
});
