// Engine behaviours on the sandbox beyond single steps: one deployment per environment at a time,
// concurrent environments, a credential that may not watch pods (403 shown on the rows), rows
// checkpointed while the step runs, and "fail early when pods cannot start".
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { CoreV1Api, RbacAuthorizationV1Api } from "@kubernetes/client-node";
import { useSandbox, type Sandbox } from "../../sandbox/testing.ts";
import type { TestDatabase } from "../testing/test-database.ts";
import { appContext } from "../context.ts";
import {
  deploy,
  deploymentFinished,
  deploymentYaml,
  loadDeployment,
  queueDeployment,
  sandboxEnvironment,
  sandboxTarget,
  setUpDeployments,
} from "./testing/deploy-harness.ts";

let sandbox: Sandbox;
let database: TestDatabase;
let environmentId: string;
// The server's HTTP listener keeps a real process alive; tests have none, and the watch backoff
// timers are unref'd on purpose.
let keepAlive: NodeJS.Timeout;

before(async () => {
  keepAlive = setInterval(() => undefined, 1_000);
  sandbox = await useSandbox();
  ({ database, environmentId } = await setUpDeployments(sandbox));
});
after(async () => {
  clearInterval(keepAlive);
  await appContext().executor.stop();
  await database.cleanup();
  await sandbox.cleanup();
});

const slowStep = (namespace: string, name: string) => ({
  type: "kubernetes-yaml",
  name: "Slow",
  config: {
    yaml: deploymentYaml(name, namespace).replace(
      "labels: { app: " + name + " } }",
      `labels: { app: ${name} }, annotations: { sandbox.kdeploy.dev/ready-after: "3s" } }`,
    ),
  },
  verification: { timeoutSeconds: 60 },
});

test("a second deployment to the same environment waits for the first; another environment runs at the same time", async () => {
  const ns = await sandbox.createNamespace("queue");
  const otherEnvironment = await sandboxEnvironment(sandbox, "sandbox-second");
  const first = await queueDeployment(environmentId, [slowStep(ns, "first")]);
  const second = await queueDeployment(environmentId, [slowStep(ns, "second")]);
  const parallel = await queueDeployment(otherEnvironment, [slowStep(ns, "parallel")]);
  await Promise.all([deploymentFinished(first), deploymentFinished(second), deploymentFinished(parallel)]);
  const [a, b, c] = await Promise.all([loadDeployment(first), loadDeployment(second), loadDeployment(parallel)]);
  for (const d of [a, b, c]) assert.equal(d.deployment.status, "Succeeded", d.log());
  assert.ok(b.deployment.startedAt! >= a.deployment.finishedAt!, "the second deployment to the same environment started after the first finished");
  assert.ok(c.deployment.startedAt! < a.deployment.finishedAt!, "a deployment to another environment ran at the same time");
});

test("a credential that may not watch pods: the 403 is shown on the rows and in the log, the step stays honest", async () => {
  const ns = await sandbox.createNamespace("forbidden");
  const core = sandbox.kubeConfig.makeApiClient(CoreV1Api);
  const rbac = sandbox.kubeConfig.makeApiClient(RbacAuthorizationV1Api);
  await core.createNamespacedServiceAccount({ namespace: ns, body: { metadata: { name: "deployer" } } });
  await rbac.createNamespacedRole({
    namespace: ns,
    body: {
      metadata: { name: "no-pods" },
      rules: [{ apiGroups: ["apps"], resources: ["deployments", "replicasets"], verbs: ["get", "list", "watch", "create", "patch", "update"] }],
    },
  });
  await rbac.createNamespacedRoleBinding({
    namespace: ns,
    body: {
      metadata: { name: "deployer" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "no-pods" },
      subjects: [{ kind: "ServiceAccount", name: "deployer", namespace: ns }],
    },
  });
  const token = await core.createNamespacedServiceAccountToken({ name: "deployer", namespace: ns, body: { spec: { audiences: [], expirationSeconds: 3600 } } });
  const base = sandboxTarget(sandbox);
  const restricted = await sandboxEnvironment(sandbox, `restricted-${ns}`, {
    authKind: "token",
    serverUrl: base.authKind === "clientCertificate" ? base.serverUrl : "",
    caCertificate: base.authKind === "clientCertificate" ? base.caCertificate : "",
    insecureSkipTlsVerify: false,
    defaultNamespace: ns,
    token: token.status!.token,
  });
  const { runs, log } = await deploy(restricted, [
    { type: "kubernetes-yaml", name: "Restricted", config: { yaml: deploymentYaml("web", ns, "", 1) }, verification: { timeoutSeconds: 30 } },
  ]);
  assert.match(log(), /Watching pods in .* failed: .*forbidden/i);
  const top = runs[0]!.objects.find((o) => o.kind === "Deployment")!;
  assert.match(top.message, /cannot watch pods/);
  assert.equal(runs[0]!.objects.filter((o) => o.kind === "Pod").length, 0, "no pod rows invented");
});

test("rows are checkpointed to the database while the step runs", async () => {
  const ns = await sandbox.createNamespace("checkpoint");
  const id = await queueDeployment(environmentId, [
    {
      type: "kubernetes-yaml",
      name: "Crash",
      config: { yaml: deploymentYaml("crash", ns, ", sandbox.kdeploy.dev/behavior: crashloop") },
      verification: { timeoutSeconds: 12 },
    },
  ]);
  const { db } = appContext();
  const deadline = Date.now() + 10_000;
  let seenWhileRunning = 0;
  while (Date.now() < deadline && seenWhileRunning === 0) {
    const run = await db.stepRun.findFirst({ where: { deploymentId: id }, include: { _count: { select: { objects: true } } } });
    if (run && !run.frozenAt && run._count.objects > 0) seenWhileRunning = run._count.objects;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  assert.ok(seenWhileRunning >= 3, `rows stored before the step ended: ${seenWhileRunning}`);
  await deploymentFinished(id);
});

test("fail early when pods cannot start: a crash-looping Deployment fails after the grace period, not at the timeout", async () => {
  const ns = await sandbox.createNamespace("fail-early");
  const started = Date.now();
  const { runs, log } = await deploy(environmentId, [
    {
      type: "kubernetes-yaml",
      name: "Crash",
      config: { yaml: deploymentYaml("crash", ns, ", sandbox.kdeploy.dev/behavior: crashloop") },
      verification: { timeoutSeconds: 120, failEarlyWhenPodsCannotStart: true, podStartGraceSeconds: 3 },
    },
  ]);
  assert.equal(runs[0]!.status, "Failed", log());
  assert.ok(Date.now() - started < 30_000, "failed long before the 120 s timeout");
  assert.equal(runs[0]!.objects.find((o) => o.kind === "Deployment")!.status, "Error");
});
