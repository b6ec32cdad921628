// The Job controller runs: a Job's pod completes (kwok's pod-complete stage) and the Job is
// Complete; a pod that fails (behavior=fail) with backoffLimit 0 makes the Job Failed.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { BatchV1Api, CoreV1Api, type V1Job } from "@kubernetes/client-node";
import { useSandbox, type Sandbox } from "../testing";
import { eventually } from "./eventually";
import { behaviorLabel, podTemplate } from "./fixtures";

let sandbox: Sandbox;
let batch: BatchV1Api;
let core: CoreV1Api;

before(async () => {
  sandbox = await useSandbox();
  batch = sandbox.kubeConfig.makeApiClient(BatchV1Api);
  core = sandbox.kubeConfig.makeApiClient(CoreV1Api);
});
after(() => sandbox.cleanup());

const hasCondition = (job: V1Job, type: string) => job.status?.conditions?.some((c) => c.type === type && c.status === "True") ?? false;

test("a Job completes", async () => {
  const namespace = await sandbox.createNamespace("job-ok");
  await batch.createNamespacedJob({
    namespace,
    body: { metadata: { name: "migrate" }, spec: { template: podTemplate({ app: "migrate" }, { restartPolicy: "Never" }) } },
  });
  const job = await eventually(
    "job migrate Complete",
    () => batch.readNamespacedJobStatus({ name: "migrate", namespace }),
    (j) => hasCondition(j, "Complete"),
  );
  assert.equal(job.status?.succeeded, 1);
  const [pod] = (await core.listNamespacedPod({ namespace })).items;
  assert.equal(pod?.status?.phase, "Succeeded");
});

test("a Job whose pod fails with backoffLimit 0 gets Failed=True", async () => {
  const namespace = await sandbox.createNamespace("job-fail");
  await batch.createNamespacedJob({
    namespace,
    body: {
      metadata: { name: "migrate" },
      spec: {
        backoffLimit: 0,
        template: podTemplate({ app: "migrate", [behaviorLabel]: "fail" }, { restartPolicy: "Never" }),
      },
    },
  });
  const job = await eventually(
    "job migrate Failed",
    () => batch.readNamespacedJobStatus({ name: "migrate", namespace }),
    (j) => hasCondition(j, "Failed"),
  );
  assert.equal(job.status?.failed, 1);
  assert.equal(job.status?.conditions?.find((c) => c.type === "Failed")?.reason, "BackoffLimitExceeded");
  const [pod] = (await core.listNamespacedPod({ namespace })).items;
  assert.equal(pod?.status?.phase, "Failed");
  assert.equal(pod?.status?.containerStatuses?.[0]?.state?.terminated?.exitCode, 1);
});
