import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { useSandbox, type Sandbox } from "../../sandbox/testing.ts";
import { createObjects, track } from "./tracker-harness.ts";

let sandbox: Sandbox;
before(async () => {
  sandbox = await useSandbox();
});
after(async () => sandbox.cleanup());

const deployment = (name: string, namespace: string, replicas = 2, podLabels: Record<string, string> = {}, podAnnotations: Record<string, string> = {}) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name, namespace },
  spec: {
    replicas,
    progressDeadlineSeconds: 600,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name, ...podLabels }, annotations: podAnnotations }, spec: { containers: [{ name: "app", image: "nginx:1.27" }] } },
  },
});

const options = (timeoutSeconds: number | null, stabilizationSeconds = 2) => ({
  waitForJobs: true,
  outcome: { timeoutSeconds, stabilizationSeconds, podsCannotStart: null },
});

test("a Deployment + Service + ConfigMap succeeds after stabilization, with children as rows", async () => {
  const namespace = await sandbox.createNamespace("tracker-ok");
  const objects = await createObjects(sandbox.kubeConfig, [
    deployment("web", namespace, 2, {}, { "sandbox.kdeploy.dev/ready-after": "2s" }),
    { apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace }, spec: { selector: { app: "web" }, ports: [{ port: 80 }] } } as never,
    { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace }, data: { a: "1" } } as never,
  ]);
  const { result, log, batches } = await track(sandbox.kubeConfig, objects, options(120));
  assert.equal(result.outcome, "Succeeded", log.join("\n"));
  const kinds = result.rows.map((row) => row.kind).sort();
  assert.deepEqual(
    kinds.filter((k) => k !== "EndpointSlice"),
    ["ConfigMap", "Deployment", "Pod", "Pod", "ReplicaSet", "Service"],
  );
  const top = result.rows.find((row) => row.kind === "Deployment")!;
  assert.equal(top.status, "Success");
  const pods = result.rows.filter((row) => row.kind === "Pod");
  const replicaSet = result.rows.find((row) => row.kind === "ReplicaSet")!;
  assert.ok(pods.every((pod) => pod.parentKey === replicaSet.key && pod.status === "Success"));
  assert.equal(replicaSet.parentKey, top.key);
  assert.ok(
    log.some((line) => /Desired state reached/.test(line)),
    log.join("\n"),
  );
  assert.ok(
    batches.some((batch) => batch.upserts.some((row) => row.kind === "Deployment" && row.status === "InProgress")),
    "the Deployment was seen in progress first",
  );
  assert.deepEqual(
    batches.map((b) => b.seq),
    batches.map((_, i) => i + 1),
    "sequence numbers increase by one",
  );
});

test("a crash-looping Deployment times out: pods Error, Deployment TimedOut, reason named", async () => {
  const namespace = await sandbox.createNamespace("tracker-crash");
  const objects = await createObjects(sandbox.kubeConfig, [deployment("crash", namespace, 2, { "sandbox.kdeploy.dev/behavior": "crashloop" })]);
  const { result, log } = await track(sandbox.kubeConfig, objects, options(12));
  assert.equal(result.outcome, "TimedOut", log.join("\n"));
  const top = result.rows.find((row) => row.kind === "Deployment")!;
  assert.equal(top.status, "TimedOut");
  assert.match(top.message, /CrashLoopBackOff/);
  const pods = result.rows.filter((row) => row.kind === "Pod");
  assert.equal(pods.length, 2);
  assert.ok(
    pods.every((pod) => pod.status === "Error" && /CrashLoopBackOff/.test(pod.message)),
    JSON.stringify(pods),
  );
});

test("API requests while tracking do not grow with the number of objects (1 vs 50 Deployments)", async () => {
  const counts: number[] = [];
  for (const n of [1, 50]) {
    const namespace = await sandbox.createNamespace(`tracker-cost-${n}`);
    const objects = await createObjects(
      sandbox.kubeConfig,
      Array.from({ length: n }, (_, i) => deployment(`app-${i}`, namespace, 1)),
    );
    const { result, counter } = await track(sandbox.kubeConfig, objects, options(120, 1));
    assert.equal(result.outcome, "Succeeded");
    counts.push(counter.total);
  }
  assert.equal(counts[0], counts[1], `requests for 1 vs 50 Deployments: ${counts.join(" vs ")}`);
  assert.ok(counts[0]! <= 6, `one LIST + one WATCH per watched type (deployments, replicasets, pods): ${counts[0]}`);
});
