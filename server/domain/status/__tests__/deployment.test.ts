import { test } from "node:test";
import assert from "node:assert/strict";
import { fixture, withCondition, withSpec, withStatus } from "../__fixtures__/fixtureBuilders";
import { statusOf, verdictOf } from "./statusTestHelpers";

const available = fixture("deployment-available");

test("an available Deployment is Success with its counters in the summary", () => {
  assert.deepEqual(statusOf(available), {
    status: "Success",
    message: "2 replicas updated and available",
    summary: "ready 2/2, updated 2/2, available 2/2",
  });
});

test("a paused Deployment is Success, Paused, even mid-rollout", () => {
  const paused = withStatus(withSpec(available, { paused: true }), { updatedReplicas: 0 });
  assert.deepEqual(verdictOf(paused), ["Success", "Paused"]);
});

test("ProgressDeadlineExceeded is Error, the reason then the condition's message", () => {
  const [status, message] = verdictOf(fixture("deployment-progress-deadline-exceeded"));
  assert.equal(status, "Error");
  assert.equal(message, 'ProgressDeadlineExceeded: ReplicaSet "crash-79bc58854f" has timed out progressing.');
});

test("fewer updated than desired is InProgress, 'u of d updated'", () => {
  const rolling = withStatus(available, { replicas: 3, updatedReplicas: 1, availableReplicas: 2 });
  assert.deepEqual(verdictOf(withSpec(rolling, { replicas: 3 })), ["InProgress", "1 of 3 updated"]);
});

test("old replicas still running are InProgress, 'n old replicas pending termination'", () => {
  const draining = withStatus(available, { replicas: 4, updatedReplicas: 2 });
  assert.deepEqual(verdictOf(draining), ["InProgress", "2 old replicas pending termination"]);
  const lastOne = withStatus(available, { replicas: 3, updatedReplicas: 2 });
  assert.deepEqual(verdictOf(lastOne), ["InProgress", "1 old replica pending termination"]);
});

test("updated but not yet available is InProgress, 'a of u updated replicas available'", () => {
  const warming = withStatus(available, { availableReplicas: 1, readyReplicas: 1 });
  assert.deepEqual(verdictOf(warming), ["InProgress", "1 of 2 updated replicas available"]);
});

test("replicas defaults to 1 when the spec omits it", () => {
  const implicit = withStatus(withSpec(available, { replicas: undefined }), { replicas: 0, updatedReplicas: 0, availableReplicas: 0 });
  assert.deepEqual(verdictOf(implicit), ["InProgress", "0 of 1 updated"]);
});

test("a Deployment scaled to 0 is Success, Scaled to 0", () => {
  const zero = withStatus(withSpec(available, { replicas: 0 }), {
    replicas: undefined,
    updatedReplicas: undefined,
    readyReplicas: undefined,
    availableReplicas: undefined,
  });
  assert.deepEqual(verdictOf(zero), ["Success", "Scaled to 0"]);
});

test("a Progressing=False condition with another reason does not fail the Deployment", () => {
  const other = withCondition(available, { type: "Progressing", status: "False", reason: "SomethingElse", message: "x" });
  assert.equal(verdictOf(other)[0], "Success");
});

test("pods are never counted: the Deployment's counters decide even if its pods crash", () => {
  const descendants = [{ kind: "Pod", name: "web-1", status: "Error" as const, cause: { reason: "CrashLoopBackOff", detail: "x" } }];
  assert.deepEqual(verdictOf(available, { descendants }), ["Success", "2 replicas updated and available"]);
});
