// The sandbox's failure simulations (sandbox/stages/, chosen by the pod label
// sandbox.kdeploy.dev/behavior or the ready-after annotation) and the NotReady node switch.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { CoreV1Api, type V1Node, type V1Pod } from "@kubernetes/client-node";
import { useSandbox, type Sandbox } from "../testing";
import { setNodeNotReady } from "../lib/nodes";
import { eventually } from "./eventually";
import { behaviorLabel, isPodReady, pod, readyAfterAnnotation } from "./fixtures";

let sandbox: Sandbox;
let core: CoreV1Api;

before(async () => {
  sandbox = await useSandbox();
  core = sandbox.kubeConfig.makeApiClient(CoreV1Api);
});
after(() => sandbox.cleanup());

const waitingReason = (p: V1Pod) => p.status?.containerStatuses?.[0]?.state?.waiting?.reason;
const restartCount = (p: V1Pod) => p.status?.containerStatuses?.[0]?.restartCount ?? 0;

test("behavior=crashloop shows CrashLoopBackOff with a rising restart count", async () => {
  const namespace = await sandbox.createNamespace("crashloop");
  await core.createNamespacedPod({ namespace, body: pod("crasher", { labels: { [behaviorLabel]: "crashloop" } }) });
  const read = () => core.readNamespacedPodStatus({ name: "crasher", namespace });
  const first = await eventually("CrashLoopBackOff", read, (p) => waitingReason(p) === "CrashLoopBackOff" && restartCount(p) >= 1);
  assert.equal(first.status?.phase, "Running");
  assert.equal(isPodReady(first), false);
  const later = await eventually("restart count to rise", read, (p) => restartCount(p) > restartCount(first), 30_000);
  assert.equal(waitingReason(later), "CrashLoopBackOff");
  assert.equal(later.status?.containerStatuses?.[0]?.lastState?.terminated?.exitCode, 1);
});

test("behavior=image-pull-error shows ErrImagePull then ImagePullBackOff and stays Pending", async () => {
  const namespace = await sandbox.createNamespace("image-pull");
  await core.createNamespacedPod({ namespace, body: pod("puller", { labels: { [behaviorLabel]: "image-pull-error" } }) });
  const read = () => core.readNamespacedPodStatus({ name: "puller", namespace });
  const backOff = await eventually("ImagePullBackOff", read, (p) => waitingReason(p) === "ImagePullBackOff");
  assert.equal(backOff.status?.phase, "Pending");
  assert.equal(isPodReady(backOff), false);
});

test("behavior=fail ends the pod in phase Failed with a non-zero exit code", async () => {
  const namespace = await sandbox.createNamespace("fail");
  await core.createNamespacedPod({
    namespace,
    body: { ...pod("failer", { labels: { [behaviorLabel]: "fail" } }), spec: { restartPolicy: "Never", containers: pod("x").spec!.containers } },
  });
  const failed = await eventually(
    "phase Failed",
    () => core.readNamespacedPodStatus({ name: "failer", namespace }),
    (p) => p.status?.phase === "Failed",
  );
  assert.equal(failed.status?.containerStatuses?.[0]?.state?.terminated?.exitCode, 1);
});

test("behavior=never-ready runs but never becomes Ready", async () => {
  const namespace = await sandbox.createNamespace("never-ready");
  await core.createNamespacedPod({ namespace, body: pod("stuck", { labels: { [behaviorLabel]: "never-ready" } }) });
  const read = () => core.readNamespacedPodStatus({ name: "stuck", namespace });
  await eventually("phase Running", read, (p) => p.status?.phase === "Running");
  // A plain pod created now becomes Ready within moments; once it has, the labelled pod
  // has had the same chance and must still be not Ready.
  await core.createNamespacedPod({ namespace, body: pod("control") });
  await eventually("control pod Ready", () => core.readNamespacedPodStatus({ name: "control", namespace }), isPodReady);
  const stuck = await read();
  assert.equal(stuck.status?.phase, "Running");
  assert.equal(isPodReady(stuck), false);
});

test("the ready-after annotation delays readiness by about that long", async () => {
  const namespace = await sandbox.createNamespace("ready-after");
  const delaySeconds = 5;
  const startedAt = Date.now();
  await core.createNamespacedPod({
    namespace,
    body: pod("slow", { annotations: { [readyAfterAnnotation]: `${delaySeconds}s` } }),
  });
  const read = () => core.readNamespacedPodStatus({ name: "slow", namespace });
  const running = await eventually("phase Running", read, (p) => p.status?.phase === "Running");
  assert.equal(isPodReady(running), false, "Running but not yet Ready at first");
  await eventually("Ready", read, isPodReady, 30_000);
  const elapsedSeconds = (Date.now() - startedAt) / 1000;
  assert.ok(elapsedSeconds >= delaySeconds, `Ready after ${elapsedSeconds}s, expected at least ${delaySeconds}s`);
  assert.ok(elapsedSeconds < delaySeconds + 10, `Ready after ${elapsedSeconds}s, expected under ${delaySeconds + 10}s`);
});

test("node-not-ready makes a kwok node NotReady and node-ready brings it back", async () => {
  const name = "kwok-node-3";
  const readyStatus = (n: V1Node) => n.status?.conditions?.find((c) => c.type === "Ready")?.status;
  try {
    await setNodeNotReady(sandbox.kubeConfig, name, true);
    await eventually(
      "node NotReady",
      () => core.readNode({ name }),
      (n) => readyStatus(n) === "False",
    );
  } finally {
    await setNodeNotReady(sandbox.kubeConfig, name, false);
  }
  await eventually(
    "node Ready again",
    () => core.readNode({ name }),
    (n) => readyStatus(n) === "True",
  );
});
