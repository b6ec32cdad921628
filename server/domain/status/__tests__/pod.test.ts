import { test } from "node:test";
import assert from "node:assert/strict";
import { fixture, withCondition, withContainerState, withSpec } from "../__fixtures__/fixtureBuilders";
import { statusOf, verdictOf } from "./statusTestHelpers";

test("a running, ready pod is Success with ready and restart counts", () => {
  assert.deepEqual(statusOf(fixture("pod-running-ready")), {
    status: "Success",
    message: "Running and ready",
    summary: "ready 1/1, restarts 0",
  });
});

test("a Succeeded pod is Success, Completed", () => {
  assert.deepEqual(verdictOf(fixture("pod-succeeded")), ["Success", "Completed"]);
});

test("a Failed pod with a pod-level reason quotes it (Evicted)", () => {
  assert.deepEqual(verdictOf(fixture("pod-evicted")), ["Error", "Evicted: The node was low on resource: memory. Threshold quantity: 100Mi, available: 92Mi. "]);
});

test("a Failed pod without a pod reason names the terminated container, its reason and exit code", () => {
  assert.deepEqual(verdictOf(fixture("pod-failed-exit-code")), ["Error", "Container migrate terminated: Error (exit code 1)"]);
});

test("a Failed pod killed for memory says OOMKilled", () => {
  const status = statusOf(fixture("pod-failed-oomkilled"));
  assert.equal(status.message, "Container app terminated: OOMKilled (exit code 137)");
  assert.deepEqual(status.cause, { reason: "OOMKilled", detail: "container app OOMKilled (exit code 137)" });
});

test("CrashLoopBackOff with restartPolicy Always is Error, with a stable detail and the last exit", () => {
  const status = statusOf(fixture("pod-crashloop"));
  assert.equal(status.status, "Error");
  assert.equal(status.message, "CrashLoopBackOff: back-off restarting failed container app (last exit: Error (exit code 1))");
  assert.equal(status.summary, "ready 0/1, restarts 10");
  assert.deepEqual(status.cause, { reason: "CrashLoopBackOff", detail: "back-off restarting failed container app" });
});

test("an init container in CrashLoopBackOff fails the pod too", () => {
  assert.deepEqual(verdictOf(fixture("pod-init-crashloop")), [
    "Error",
    "CrashLoopBackOff: back-off restarting failed container migrate (last exit: Error (exit code 2))",
  ]);
});

test("ImagePullBackOff is Error with the kubelet's message", () => {
  assert.deepEqual(verdictOf(fixture("pod-image-pull-backoff")), [
    "Error",
    'ImagePullBackOff: Back-off pulling image "registry.example.com/web:does-not-exist" (simulated by the kdeploy sandbox)',
  ]);
});

for (const reason of ["ErrImagePull", "CreateContainerConfigError", "InvalidImageName", "RunContainerError", "CreateContainerError"]) {
  test(`waiting reason ${reason} is Error with restartPolicy Always`, () => {
    const pod = withContainerState(fixture("pod-container-creating"), { waiting: { reason, message: "details" } });
    assert.deepEqual(verdictOf(pod), ["Error", `${reason}: details`]);
  });
}

test("a stuck waiting reason without a message names the container", () => {
  const pod = withContainerState(fixture("pod-container-creating"), { waiting: { reason: "ErrImageNeverPull" } });
  assert.deepEqual(verdictOf(pod), ["Error", "ErrImageNeverPull: container app"]);
});

test("with restartPolicy Never an image pull back-off stays InProgress, naming the reason", () => {
  const pod = withSpec(fixture("pod-image-pull-backoff"), { restartPolicy: "Never" });
  assert.deepEqual(verdictOf(pod), [
    "InProgress",
    'Container app waiting: ImagePullBackOff: Back-off pulling image "registry.example.com/web:does-not-exist" (simulated by the kdeploy sandbox)',
  ]);
});

test("an unschedulable pending pod is InProgress with the scheduler's message", () => {
  const status = statusOf(fixture("pod-unschedulable"));
  assert.equal(status.status, "InProgress");
  assert.equal(
    status.message,
    "Unschedulable: 0/3 nodes are available: 3 Insufficient cpu. no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
  );
  assert.equal(status.cause?.reason, "Unschedulable");
  assert.equal(status.summary, "ready 0/1, restarts 0", "its container is counted before it has a status");
});

test("ContainerCreating is InProgress, naming the waiting reason", () => {
  assert.deepEqual(verdictOf(fixture("pod-container-creating")), ["InProgress", "Container app waiting: ContainerCreating"]);
});

test("a waiting reason with restarts names the restart count", () => {
  const pod = withContainerState(fixture("pod-container-creating"), { waiting: { reason: "ContainerCreating" } }, { restartCount: 2 });
  assert.deepEqual(verdictOf(pod), ["InProgress", "Container app waiting: ContainerCreating (restarts 2)"]);
});

test("a running pod that never becomes ready is InProgress, not ready", () => {
  const status = statusOf(fixture("pod-never-ready"));
  assert.deepEqual([status.status, status.message], ["InProgress", "Running, not ready"]);
  assert.deepEqual(status.cause, { reason: "NotReady", detail: "containers not ready: app" });
  const kubeletWorded = withCondition(fixture("pod-never-ready"), {
    type: "Ready",
    status: "False",
    reason: "ContainersNotReady",
    message: "containers with unready status: [app]",
  });
  assert.deepEqual(statusOf(kubeletWorded).cause, { reason: "NotReady", detail: "containers with unready status: [app]" });
});

test("a running, not-ready pod that restarted says how often", () => {
  const pod = withContainerState(fixture("pod-never-ready"), { running: { startedAt: "2025-06-02T10:03:00Z" } }, { restartCount: 4 });
  assert.deepEqual(verdictOf(pod), ["InProgress", "Running, not ready (container app restarts 4)"]);
});
