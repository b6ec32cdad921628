// The engine end to end on the sandbox cluster: a project with steps, a release, a deployment
// run by the executor, and what it leaves behind (outcome, task log, frozen snapshot).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { CoreV1Api } from "@kubernetes/client-node";
import { useSandbox, type Sandbox } from "../../sandbox/testing.ts";
import type { TestDatabase } from "../testing/test-database.ts";
import { appContext } from "../context.ts";
import { engineEvents } from "./engine-events.ts";
import { deploy as deployWith, deploymentYaml, setUpDeployments, type RawStep } from "./testing/deploy-harness.ts";

let sandbox: Sandbox;
let database: TestDatabase;
let environmentId: string;
const emitted: string[] = [];

before(async () => {
  sandbox = await useSandbox();
  ({ database, environmentId } = await setUpDeployments(sandbox));
  for (const name of ["rows", "log", "step", "deployment"] as const) engineEvents().on(name, (payload: unknown) => emitted.push(JSON.stringify(payload)));
});
after(async () => {
  await appContext().executor.stop();
  await database.cleanup();
  await sandbox.cleanup();
});

const deploy = (steps: RawStep[]) => deployWith(environmentId, steps);

describe("executor on the sandbox", () => {
  test("Deployment + Service + ConfigMap: succeeds after stabilization; snapshot frozen with children and timeline", async () => {
    const ns = await sandbox.createNamespace("exec-ok");
    const yaml = `${deploymentYaml("web", ns)}---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: ${ns} }
spec: { selector: { app: web }, ports: [{ port: 80 }] }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: settings, namespace: ${ns} }
data: { release: "#{Kdeploy.Release.Version}" }
`;
    const { deployment, runs, log } = await deploy([{ type: "kubernetes-yaml", name: "Apply", config: { yaml } }]);
    assert.equal(deployment.status, "Succeeded", log());
    const run = runs[0]!;
    assert.equal(run.status, "Succeeded");
    assert.ok(run.frozenAt, "snapshot frozen");
    const kinds = run.objects.map((o) => o.kind).sort();
    for (const kind of ["ConfigMap", "Deployment", "Pod", "ReplicaSet", "Service"]) assert.ok(kinds.includes(kind), `${kind} in ${kinds}`);
    assert.ok(run.objects.every((o) => o.status === "Success"));
    assert.ok(run.transitions.some((t) => t.status === "Success"));
    assert.match(log(), /Desired state reached/);
    assert.match(log(), /Applied 3 objects/);
    const configMap = run.objects.find((o) => o.kind === "ConfigMap")!;
    assert.deepEqual((configMap.manifest as { data: Record<string, string> }).data, { release: "0.0.1" }, "variables substituted");
  });

  test("a crash-looping Deployment times out with a summary naming CrashLoopBackOff", async () => {
    const ns = await sandbox.createNamespace("exec-crash");
    const { deployment, runs, log } = await deploy([
      {
        type: "kubernetes-yaml",
        name: "Crash",
        config: { yaml: deploymentYaml("crash", ns, ", sandbox.kdeploy.dev/behavior: crashloop") },
        verification: { timeoutSeconds: 10 },
      },
    ]);
    assert.equal(deployment.status, "Failed");
    const run = runs[0]!;
    assert.equal(run.status, "TimedOut", log());
    const top = run.objects.find((o) => o.kind === "Deployment")!;
    assert.equal(top.status, "TimedOut");
    assert.ok(run.objects.filter((o) => o.kind === "Pod").every((pod) => pod.status === "Error"));
    assert.match(JSON.stringify(run.failureSummary), /CrashLoopBackOff/);
    assert.match(log(), /CrashLoopBackOff/);
  });

  test("a stand-alone pod with an image pull error fails early", async () => {
    const ns = await sandbox.createNamespace("exec-pull");
    const yaml = `apiVersion: v1\nkind: Pod\nmetadata: { name: bad-image, namespace: ${ns}, labels: { sandbox.kdeploy.dev/behavior: image-pull-error } }\nspec: { containers: [{ name: app, image: "nginx:does-not-exist" }] }\n`;
    const started = Date.now();
    const { runs, log } = await deploy([{ type: "kubernetes-yaml", name: "Pod", config: { yaml }, verification: { timeoutSeconds: 120 } }]);
    assert.equal(runs[0]!.status, "Failed", log());
    assert.ok(Date.now() - started < 60_000, "failed early, long before the timeout");
    assert.match(runs[0]!.objects[0]!.message, /ErrImagePull|ImagePullBackOff/);
  });

  test("a Job whose pod fails: fails early when waiting for Jobs, succeeds at once when not", async () => {
    const jobYaml = (ns: string) =>
      `apiVersion: batch/v1\nkind: Job\nmetadata: { name: migrate, namespace: ${ns} }\nspec:\n  backoffLimit: 0\n  template:\n    metadata: { labels: { sandbox.kdeploy.dev/behavior: fail } }\n    spec: { restartPolicy: Never, containers: [{ name: m, image: busybox }] }\n`;
    const waiting = await deploy([
      {
        type: "kubernetes-yaml",
        name: "Job",
        config: { yaml: jobYaml(await sandbox.createNamespace("exec-job-on")) },
        verification: { waitForJobs: true, timeoutSeconds: 120 },
      },
    ]);
    assert.equal(waiting.runs[0]!.status, "Failed", waiting.log());
    assert.equal(waiting.runs[0]!.objects.find((o) => o.kind === "Job")!.status, "Error");
    const notWaiting = await deploy([
      { type: "kubernetes-yaml", name: "Job", config: { yaml: jobYaml(await sandbox.createNamespace("exec-job-off")) }, verification: { waitForJobs: false } },
    ]);
    assert.equal(notWaiting.runs[0]!.status, "Succeeded", notWaiting.log());
    assert.match(notWaiting.runs[0]!.objects.find((o) => o.kind === "Job")!.message, /not waiting for completion/);
  });

  test("StatefulSet, DaemonSet and CronJob roll out and pass", async () => {
    const ns = await sandbox.createNamespace("exec-workloads");
    const yaml = `apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db, namespace: ${ns} }
spec:
  serviceName: db
  replicas: 2
  selector: { matchLabels: { app: db } }
  template: { metadata: { labels: { app: db } }, spec: { containers: [{ name: db, image: postgres }] } }
---
apiVersion: apps/v1
kind: DaemonSet
metadata: { name: agent, namespace: ${ns} }
spec:
  selector: { matchLabels: { app: agent } }
  template: { metadata: { labels: { app: agent } }, spec: { containers: [{ name: a, image: busybox }] } }
---
apiVersion: batch/v1
kind: CronJob
metadata: { name: nightly, namespace: ${ns} }
spec:
  schedule: "0 3 * * *"
  jobTemplate: { spec: { template: { spec: { restartPolicy: Never, containers: [{ name: nightly, image: busybox }] } } } }
`;
    const { runs, log } = await deploy([{ type: "kubernetes-yaml", name: "Workloads", config: { yaml }, verification: { timeoutSeconds: 90 } }]);
    assert.equal(runs[0]!.status, "Succeeded", log());
    const top = runs[0]!.objects
      .filter((o) => o.topLevel)
      .map((o) => `${o.kind}:${o.status}`)
      .sort();
    assert.deepEqual(top, ["CronJob:Success", "DaemonSet:Success", "StatefulSet:Success"]);
    assert.equal(
      runs[0]!.objects.filter((o) => o.kind === "Pod" && o.parentKey === runs[0]!.objects.find((x) => x.kind === "DaemonSet")!.objectKey).length,
      3,
      "one pod per kwok node",
    );
  });

  test("a custom resource with a Ready condition, its CRD applied first in the same step", async () => {
    const ns = await sandbox.createNamespace("exec-crd");
    const group = `${ns}.example.com`;
    const yaml = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: widgets.${group} }
spec:
  group: ${group}
  scope: Namespaced
  names: { plural: widgets, singular: widget, kind: Widget }
  versions:
    - name: v1
      served: true
      storage: true
      schema: { openAPIV3Schema: { type: object, x-kubernetes-preserve-unknown-fields: true } }
---
apiVersion: ${group}/v1
kind: Widget
metadata: { name: gear, namespace: ${ns} }
status:
  conditions: [{ type: Ready, status: "True", reason: Reconciled, message: "all good" }]
`;
    const { runs, log } = await deploy([{ type: "kubernetes-yaml", name: "CRD", config: { yaml }, verification: { timeoutSeconds: 60 } }]);
    assert.equal(runs[0]!.status, "Succeeded", log());
    assert.deepEqual(runs[0]!.objects.map((o) => `${o.kind}:${o.status}`).sort(), ["CustomResourceDefinition:Success", "Widget:Success"]);
  });

  test("Secret values never reach the database, the task log or the emitted events", async () => {
    const ns = await sandbox.createNamespace("exec-secret");
    const secretValue = "sup3r-s3cret-value-xyz";
    const { runs, log } = await deploy([
      { type: "secret", name: "Creds", config: { name: "creds", namespace: ns, data: [{ key: "password", value: secretValue }] } },
    ]);
    assert.equal(runs[0]!.status, "Succeeded", log());
    const { db } = appContext();
    const everything = JSON.stringify([
      await db.stepRun.findMany({ include: { objects: true, logLines: true, transitions: true } }),
      await db.step.findMany(),
      await db.releaseStep.findMany(),
    ]);
    assert.ok(!everything.includes(secretValue), "not in the database");
    assert.ok(!emitted.join("\n").includes(secretValue), "not in emitted events");
    assert.ok(!everything.includes(Buffer.from(secretValue).toString("base64")), "not even base64-encoded");
    const secret = await sandbox.kubeConfig.makeApiClient(CoreV1Api).readNamespacedSecret({ name: "creds", namespace: ns });
    assert.equal(Buffer.from(secret.data!.password!, "base64").toString(), secretValue, "the cluster got the real value");
  });

  test("a Kustomize step is built and tracked", async () => {
    const ns = await sandbox.createNamespace("exec-kustomize");
    const files = [
      { path: "base/kustomization.yaml", content: "resources: [deployment.yaml]\n" },
      { path: "base/deployment.yaml", content: deploymentYaml("kz", "placeholder", "", 1) },
      { path: "overlays/prod/kustomization.yaml", content: `resources: [../../base]\nnamespace: ${ns}\nreplicas: [{ name: kz, count: 2 }]\n` },
    ];
    const { runs, log } = await deploy([{ type: "kustomize", name: "Kustomize", config: { source: "files", files, overlay: "overlays/prod" } }]);
    assert.equal(runs[0]!.status, "Succeeded", log());
    assert.equal(runs[0]!.objects.filter((o) => o.kind === "Pod").length, 2);
  });

  test("Helm: a local chart succeeds with --wait; a never-ready one fails", async () => {
    const chart = resolve("server/deploy/__fixtures__/charts/tiny-app");
    const okNs = await sandbox.createNamespace("exec-helm-ok");
    const ok = await deploy([
      {
        type: "helm-chart",
        name: "Chart",
        config: { chart: { source: "path", path: chart }, releaseName: "tiny", namespace: okNs, values: "replicas: 2\n" },
        verification: { timeoutSeconds: 60 },
      },
    ]);
    assert.equal(ok.runs[0]!.status, "Succeeded", ok.log());
    assert.ok(ok.runs[0]!.frozenAt);
    assert.ok(
      ok.runs[0]!.objects.some((o) => o.kind === "Deployment"),
      "the table was built from the release manifest",
    );
    const badNs = await sandbox.createNamespace("exec-helm-bad");
    const bad = await deploy([
      {
        type: "helm-chart",
        name: "Chart",
        config: { chart: { source: "path", path: chart }, releaseName: "tiny", namespace: badNs, values: "podBehavior: never-ready\n" },
        verification: { timeoutSeconds: 8 },
      },
    ]);
    assert.equal(bad.runs[0]!.status, "Failed", bad.log());
    assert.match(bad.log(), /helm/i);
  });

  test("verification off: the step passes once applied, with no status section", async () => {
    const ns = await sandbox.createNamespace("exec-off");
    const { runs, log } = await deploy([
      {
        type: "kubernetes-yaml",
        name: "Off",
        config: { yaml: deploymentYaml("never", ns, ", sandbox.kdeploy.dev/behavior: never-ready") },
        verification: { enabled: false },
      },
    ]);
    assert.equal(runs[0]!.status, "Succeeded", log());
    assert.equal(runs[0]!.objects.length, 0);
    assert.match(log(), /Verification is off/);
  });

  test("an apply error fails the step with the API server's message", async () => {
    const ns = await sandbox.createNamespace("exec-invalid");
    const yaml = `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: "Not_Valid", namespace: ${ns} }\ndata: { a: b }\n`;
    const { runs, log } = await deploy([
      { type: "kubernetes-yaml", name: "Invalid", config: { yaml } },
      { type: "configmap", name: "After", config: { name: "after", namespace: ns, data: [{ key: "a", value: "b" }] } },
    ]);
    assert.equal(runs[0]!.status, "Failed");
    assert.match(log(), /Not_Valid/);
    assert.equal(runs[1]!.status, "NotExecuted", "steps after a failure do not run");
  });
});
