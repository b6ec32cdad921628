// Targets whose credentials may apply but not see everything (RBAC on the sandbox's real
// kube-apiserver, which runs with --authorization-mode=Node,RBAC): the objects are created, rows
// say what could not be seen, and the step never passes on what it could not check (a child's
// pods do not decide the step, per the status model; the applied objects' own status does).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { CoreV1Api, KubeConfig, RbacAuthorizationV1Api } from "@kubernetes/client-node";
import { useSandbox, type Sandbox } from "../../sandbox/testing.ts";
import { createObjects } from "../tracking/tracker-harness.ts";
import { deployment, holdProcess, trackRecorded } from "./fault-harness.ts";

let sandbox: Sandbox;
before(async () => {
  sandbox = await useSandbox();
});
after(async () => sandbox.cleanup());

/** A kubeconfig for a ServiceAccount of `namespace` that may do `rules` there and nothing else. */
async function restrictedKubeConfig(namespace: string, rules: { apiGroups: string[]; resources: string[]; verbs: string[] }[]): Promise<KubeConfig> {
  const core = sandbox.kubeConfig.makeApiClient(CoreV1Api);
  const rbac = sandbox.kubeConfig.makeApiClient(RbacAuthorizationV1Api);
  await core.createNamespacedServiceAccount({ namespace, body: { metadata: { name: "deployer" } } });
  await rbac.createNamespacedRole({ namespace, body: { metadata: { name: "deployer" }, rules } });
  await rbac.createNamespacedRoleBinding({
    namespace,
    body: {
      metadata: { name: "deployer" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "deployer" },
      subjects: [{ kind: "ServiceAccount", name: "deployer", namespace }],
    },
  });
  const token = await core.createNamespacedServiceAccountToken({ name: "deployer", namespace, body: { spec: { expirationSeconds: 3600, audiences: [] } } });
  const cluster = sandbox.kubeConfig.getCurrentCluster()!;
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: [cluster],
    users: [{ name: "deployer", token: token.status!.token }],
    contexts: [{ name: "deployer", cluster: cluster.name, user: "deployer", namespace }],
    currentContext: "deployer",
  });
  return config;
}

const podsForbidden = { timeoutSeconds: 15, stabilizationSeconds: 1, podsCannotStart: null };

test("a target that may apply Deployments but not list or watch pods: the rows say pods cannot be seen, the Deployment's own status decides", async () => {
  const namespace = await sandbox.createNamespace("no-pods");
  const restricted = await restrictedKubeConfig(namespace, [
    { apiGroups: ["apps"], resources: ["deployments", "replicasets"], verbs: ["get", "list", "watch", "create", "update", "patch"] },
  ]);
  await assert.rejects(
    restricted.makeApiClient(CoreV1Api).listNamespacedPod({ namespace }),
    (error: { code?: number }) => error.code === 403,
    "the sandbox's API server enforces RBAC: pods are forbidden",
  );
  const release = holdProcess();
  try {
    const objects = await createObjects(restricted, [deployment("web", namespace, 2, "1s")]);
    const startedAt = Date.now();
    const { recorded, done } = trackRecorded(restricted, objects, { waitForJobs: true, outcome: podsForbidden });
    const result = await done;
    const log = recorded.log.map((entry) => entry.line);
    console.log(
      `pods forbidden: step ${result.outcome} after ${Date.now() - startedAt} ms; rows ${JSON.stringify(result.rows.map((row) => `${row.kind} ${row.status}: ${row.message}`))}`,
    );
    // The status model: children do not decide the step, "never count pods to decide" a
    // Deployment; its own status (2 of 2 updated and available) was seen and decides.
    assert.equal(result.outcome, "Succeeded", log.join("\n"));
    const top = result.rows.find((row) => row.kind === "Deployment")!;
    assert.equal(top.status, "Success");
    assert.match(top.message, /; state unknown since \d\d:\d\d:\d\d: cannot watch pods \(pods is forbidden: /, "the row says its pods could not be seen");
    assert.ok(!result.rows.some((row) => row.kind === "Pod"), "no pod row pretends to be seen");
    assert.ok(
      log.some((line) => /^warning: Watching pods in \S+ failed: pods is forbidden/.test(line)),
      log.join("\n"),
    );
  } finally {
    release();
  }
});

test("a target that may create Deployments but not read them back: the step never passes, it times out saying what it could not watch", async () => {
  const namespace = await sandbox.createNamespace("no-read");
  const restricted = await restrictedKubeConfig(namespace, [{ apiGroups: ["apps"], resources: ["deployments"], verbs: ["create"] }]);
  const release = holdProcess();
  try {
    const objects = await createObjects(restricted, [deployment("web", namespace, 1, "1s")]);
    const startedAt = Date.now();
    const { recorded, done } = trackRecorded(restricted, objects, {
      waitForJobs: true,
      outcome: { timeoutSeconds: 8, stabilizationSeconds: 1, podsCannotStart: null },
    });
    const result = await done;
    const log = recorded.log.map((entry) => entry.line);
    console.log(
      `deployments unreadable: step ${result.outcome} after ${Date.now() - startedAt} ms (timeout 8 s); outcome: ${result.watchProblem}; rows ${JSON.stringify(result.rows.map((row) => `${row.kind} ${row.status}: ${row.message}`))}`,
    );
    assert.equal(result.outcome, "TimedOut", log.join("\n"));
    const top = result.rows.find((row) => row.kind === "Deployment")!;
    assert.equal(top.status, "TimedOut");
    assert.match(top.message, /state unknown since \d\d:\d\d:\d\d: cannot watch deployments \(deployments.apps is forbidden: /, top.message);
    assert.ok(
      log.some((line) => /^warning: Watching deployments in \S+ failed: deployments.apps is forbidden/.test(line)),
      log.join("\n"),
    );
  } finally {
    release();
  }
});
