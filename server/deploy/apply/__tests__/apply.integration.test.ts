// Server-side apply against the sandbox cluster: uids back, namespaces, cluster-scoped kinds,
// CRD then custom resource in one step, errors with the API server's words, idempotence.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { useSandbox, type Sandbox } from "../../../../sandbox/testing.ts";
import type { KubeObject } from "../../render/form-objects.ts";
import { ApplyError, applyObjects } from "../index.ts";
import { REDACTED } from "../../../kube/sanitize.ts";

let sandbox: Sandbox;
before(async () => {
  sandbox = await useSandbox();
});
after(() => sandbox.cleanup());

const configMap = (name: string, data: Record<string, string>, namespace?: string): KubeObject => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name, ...(namespace ? { namespace } : {}) },
  data,
});

const webDeployment: KubeObject = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web" },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: "web" } },
    template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } },
  },
};
const webService: KubeObject = { apiVersion: "v1", kind: "Service", metadata: { name: "web" }, spec: { selector: { app: "web" }, ports: [{ port: 80 }] } };

test("applies a Deployment, Service and ConfigMap into the default namespace and returns their uids", async () => {
  const namespace = await sandbox.createNamespace("apply-basic");
  const log: string[] = [];
  const applied = await applyObjects(sandbox.kubeConfig, [webDeployment, webService, configMap("settings", { mode: "fast" })], {
    defaultNamespace: namespace,
    onLog: (line) => log.push(line),
  });
  assert.deepEqual(
    applied.map((object) => [object.kind, object.namespace, object.name]),
    [
      ["Deployment", namespace, "web"],
      ["Service", namespace, "web"],
      ["ConfigMap", namespace, "settings"],
    ],
  );
  for (const object of applied) assert.match(object.uid, /^[0-9a-f-]{36}$/);
  assert.deepEqual(applied[0]!.resource, { group: "apps", version: "v1", plural: "deployments", namespaced: true });
  assert.equal(applied[0]!.generation, 1);
  assert.equal((applied[0]!.live.metadata as { managedFields?: unknown }).managedFields, undefined);
  assert.deepEqual(log, [
    `Applied Deployment ${namespace}/web (created)`,
    `Applied Service ${namespace}/web (created)`,
    `Applied ConfigMap ${namespace}/settings (created)`,
  ]);
});

test("re-applying the same objects is idempotent and says unchanged; a change says configured", async () => {
  const namespace = await sandbox.createNamespace("apply-again");
  const first = await applyObjects(sandbox.kubeConfig, [configMap("settings", { mode: "fast" })], { defaultNamespace: namespace });
  const log: string[] = [];
  const second = await applyObjects(sandbox.kubeConfig, [configMap("settings", { mode: "fast" })], {
    defaultNamespace: namespace,
    onLog: (line) => log.push(line),
  });
  assert.equal(second[0]!.uid, first[0]!.uid);
  assert.equal(
    (second[0]!.live.metadata as { resourceVersion?: string }).resourceVersion,
    (first[0]!.live.metadata as { resourceVersion?: string }).resourceVersion,
  );
  assert.deepEqual(log, [`Applied ConfigMap ${namespace}/settings (unchanged)`]);
  const changed: string[] = [];
  await applyObjects(sandbox.kubeConfig, [configMap("settings", { mode: "slow" })], { defaultNamespace: namespace, onLog: (line) => changed.push(line) });
  assert.deepEqual(changed, [`Applied ConfigMap ${namespace}/settings (configured)`]);
});

test("an object's own namespace wins over the default one", async () => {
  const own = await sandbox.createNamespace("apply-own");
  const fallback = await sandbox.createNamespace("apply-fallback");
  const applied = await applyObjects(sandbox.kubeConfig, [configMap("mine", { a: "1" }, own), configMap("defaulted", { a: "1" })], {
    defaultNamespace: fallback,
  });
  assert.deepEqual(
    applied.map((object) => object.namespace),
    [own, fallback],
  );
});

test("cluster-scoped kinds get no namespace, and a Namespace in the step is created before its contents", async () => {
  const defaultNamespace = await sandbox.createNamespace("apply-cluster");
  const newNamespace = `${defaultNamespace}-extra`;
  const clusterRole: KubeObject = {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRole",
    metadata: { name: `${defaultNamespace}-reader`, namespace: "ignored" },
    rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }],
  };
  try {
    // The ConfigMap comes first in the document but needs the Namespace declared after it.
    const applied = await applyObjects(
      sandbox.kubeConfig,
      [configMap("inside", { a: "1" }, newNamespace), clusterRole, { apiVersion: "v1", kind: "Namespace", metadata: { name: newNamespace } }],
      { defaultNamespace },
    );
    assert.deepEqual(
      applied.map((object) => [object.kind, object.namespace]),
      [
        ["ConfigMap", newNamespace],
        ["ClusterRole", undefined],
        ["Namespace", undefined],
      ],
    );
    assert.equal(applied[1]!.resource.namespaced, false);
    assert.equal(applied[1]!.manifest.metadata.namespace, undefined);
    assert.equal(applied[1]!.live.metadata.namespace, undefined);
  } finally {
    await cleanupClusterObjects([`/apis/rbac.authorization.k8s.io/v1/clusterroles/${defaultNamespace}-reader`, `/api/v1/namespaces/${newNamespace}`]);
  }
});

test("a CRD and a custom resource of it in the same step: the CRD is established first", async () => {
  const namespace = await sandbox.createNamespace("apply-crd");
  const group = `${namespace}.kdeploy.test`;
  const crd: KubeObject = {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: `widgets.${group}` },
    spec: {
      group,
      scope: "Namespaced",
      names: { plural: "widgets", singular: "widget", kind: "Widget", listKind: "WidgetList" },
      versions: [
        {
          name: "v1",
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: "object", properties: { spec: { type: "object", properties: { size: { type: "integer" } } } } } },
        },
      ],
    },
  };
  const widget: KubeObject = { apiVersion: `${group}/v1`, kind: "Widget", metadata: { name: "small" }, spec: { size: 2 } };
  try {
    const log: string[] = [];
    const applied = await applyObjects(sandbox.kubeConfig, [widget, crd], { defaultNamespace: namespace, onLog: (line) => log.push(line) });
    assert.deepEqual(
      applied.map((object) => object.kind),
      ["Widget", "CustomResourceDefinition"],
    );
    assert.deepEqual(applied[0]!.resource, { group, version: "v1", plural: "widgets", namespaced: true });
    assert.equal(applied[0]!.namespace, namespace);
    assert.ok(
      log.some((line) => line.includes("established")),
      log.join("\n"),
    );
  } finally {
    await cleanupClusterObjects([`/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.${group}`]);
  }
});

test("an invalid field value fails with the API server's message, the object and the HTTP code", async () => {
  const namespace = await sandbox.createNamespace("apply-invalid");
  const invalid: KubeObject = { ...webDeployment, spec: { ...(webDeployment.spec as object), replicas: -1 } };
  const error = await applyObjects(sandbox.kubeConfig, [configMap("before", { a: "1" }), invalid], { defaultNamespace: namespace }).then(
    () => assert.fail("apply should fail"),
    (failure: unknown) => failure,
  );
  assert.ok(error instanceof ApplyError);
  assert.match(error.message, new RegExp(`Could not apply Deployment ${namespace}/web \\(HTTP 422 Invalid\\)`));
  assert.match(error.message, /spec\.replicas: Invalid value: -1/);
  assert.equal(error.details.httpStatus, 422);
  assert.deepEqual(
    error.applied.map((object) => object.name),
    ["before"],
  );
});

test("an unknown field is rejected (strict validation), not silently dropped", async () => {
  const namespace = await sandbox.createNamespace("apply-typo");
  const typo: KubeObject = { ...configMap("typo", { a: "1" }), dta: { b: "2" } };
  await assert.rejects(applyObjects(sandbox.kubeConfig, [typo], { defaultNamespace: namespace }), (error: unknown) => {
    assert.ok(error instanceof ApplyError);
    assert.match(error.message, /ConfigMap .*\/typo \(HTTP 500\): the manifest has a field this kind does not have/);
    assert.match(error.message, /dta/);
    return true;
  });
});

test("an unknown kind fails with a clear message before anything is sent", async () => {
  const namespace = await sandbox.createNamespace("apply-unknown");
  const gadget: KubeObject = { apiVersion: "nothing.kdeploy.test/v1", kind: "Gadget", metadata: { name: "g" } };
  await assert.rejects(applyObjects(sandbox.kubeConfig, [gadget], { defaultNamespace: namespace }), (error: unknown) => {
    assert.ok(error instanceof ApplyError);
    assert.match(error.message, /the cluster does not know kind Gadget in apiVersion nothing\.kdeploy\.test\/v1/);
    return true;
  });
  const misspelledKind: KubeObject = { apiVersion: "apps/v1", kind: "Deploymnet", metadata: { name: "x" } };
  await assert.rejects(
    applyObjects(sandbox.kubeConfig, [misspelledKind], { defaultNamespace: namespace }),
    /does not know kind Deploymnet in apiVersion apps\/v1/,
  );
});

test("a field owned by another field manager is a conflict that names the manager", async () => {
  const namespace = await sandbox.createNamespace("apply-conflict");
  await applyObjects(sandbox.kubeConfig, [configMap("shared", { owner: "them" })], { defaultNamespace: namespace, fieldManager: "other-tool" });
  await assert.rejects(applyObjects(sandbox.kubeConfig, [configMap("shared", { owner: "us" })], { defaultNamespace: namespace }), (error: unknown) => {
    assert.ok(error instanceof ApplyError);
    assert.equal(error.details.httpStatus, 409);
    assert.match(error.message, /\.data\.owner is owned by another field manager \("other-tool"\)/);
    return true;
  });
});

test("Secret values are redacted in the returned manifest and live object", async () => {
  const namespace = await sandbox.createNamespace("apply-secret");
  const secret: KubeObject = {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "creds" },
    type: "Opaque",
    stringData: { password: "hunter2" },
    data: { token: Buffer.from("t0ken").toString("base64") },
  };
  const [applied] = await applyObjects(sandbox.kubeConfig, [secret], { defaultNamespace: namespace });
  assert.deepEqual(applied!.manifest.stringData, { password: REDACTED });
  assert.deepEqual(applied!.live.data, { password: REDACTED, token: REDACTED });
  assert.doesNotMatch(JSON.stringify(applied), /hunter2|dDBrZW4|aHVudGVyMg/);
});

async function cleanupClusterObjects(paths: string[]): Promise<void> {
  const { createKubeHttp } = await import("../../../kube/http.ts");
  const http = createKubeHttp(sandbox.kubeConfig);
  await Promise.all(paths.map((path) => http({ method: "DELETE", path }).catch(() => undefined)));
}

test("resolveObjectResources tells namespaced from cluster-scoped objects for a release manifest", async () => {
  const { resolveObjectResources } = await import("../index.ts");
  const resolved = await resolveObjectResources(
    sandbox.kubeConfig,
    [
      configMap("a", {}),
      { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name: "r" } },
      { apiVersion: "x.kdeploy.test/v1", kind: "Nope", metadata: { name: "n" } },
    ],
    "release-ns",
  );
  assert.deepEqual(
    resolved.map((entry) => [entry.resource?.plural, entry.namespace]),
    [
      ["configmaps", "release-ns"],
      ["clusterroles", undefined],
      [undefined, undefined],
    ],
  );
});
