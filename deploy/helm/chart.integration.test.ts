// The Helm chart of the app itself (deploy/helm/kdeploy): the real `helm lint` and `helm template`
// are clean for a single SQLite instance and for a PostgreSQL setup with replicas, existing
// Secrets, metrics and an Ingress; combinations that would lose data fail with the reason; and
// every rendered object is accepted by the sandbox's API server (server-side apply, dry run)
// through the app's own Kubernetes client.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { parseAllDocuments } from "yaml";
import { useSandbox, type Sandbox } from "../../sandbox/testing.ts";
import { createKubeHttp } from "../../server/kube/http.ts";
import { createDiscovery, objectPath } from "../../server/deploy/apply/discovery.ts";

const CHART = resolve(import.meta.dirname, "kdeploy");
const run = promisify(execFile);

type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; annotations?: Record<string, string> };
  [key: string]: unknown;
};
type Container = {
  image: string;
  env: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string }; fieldRef?: { fieldPath: string } } }[];
  securityContext: Record<string, unknown>;
  readinessProbe: { httpGet: { path: string; port: string; httpHeaders: { name: string; value: string }[] } };
  livenessProbe: { httpGet: { path: string } };
  startupProbe: { httpGet: { path: string } };
  volumeMounts: { name: string; mountPath: string }[];
  resources: { requests?: Record<string, string>; limits?: Record<string, string> };
};
type PodSpec = { securityContext: Record<string, unknown>; containers: Container[]; volumes: Record<string, unknown>[]; automountServiceAccountToken: boolean };

const PRODUCTION = [
  "replicaCount=3",
  "database.existingSecret=kdeploy-db",
  "database.poolSize=20",
  "redis.url=redis://redis:6379",
  "secretKey.existingSecret=kdeploy-key",
  "metrics.enabled=true",
  "metrics.token=0123456789abcdef0123456789abcdef",
  "ingress.enabled=true",
  "ingress.className=nginx",
  "ingress.host=kdeploy.example.com",
  "ingress.tls[0].secretName=kdeploy-tls",
  "ingress.tls[0].hosts[0]=kdeploy.example.com",
  "publicUrl=https://kdeploy.example.com",
  "initialAdmin.existingSecret=kdeploy-admin",
];

let sandbox: Sandbox;
let helmHome: string;

before(async () => {
  sandbox = await useSandbox();
  helmHome = mkdtempSync(join(tmpdir(), "kdeploy-helm-home-"));
});
after(async () => {
  rmSync(helmHome, { recursive: true, force: true });
  await sandbox.cleanup();
});

async function helm(args: string[]): Promise<{ ok: boolean; stdout: string; stderr: string }> {
  const env = { ...process.env, HELM_CACHE_HOME: join(helmHome, "cache"), HELM_CONFIG_HOME: join(helmHome, "config"), HELM_DATA_HOME: join(helmHome, "data") };
  try {
    const { stdout, stderr } = await run(join(sandbox.binDir, "helm"), args, { env });
    return { ok: true, stdout, stderr };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    return { ok: false, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

const setArgs = (values: string[]) => values.flatMap((value) => ["--set", value]);

async function render(values: string[], namespace = "kdeploy"): Promise<Manifest[]> {
  const result = await helm(["template", "kd", CHART, "--namespace", namespace, ...setArgs(values)]);
  assert.ok(result.ok, result.stderr);
  return parseAllDocuments(result.stdout)
    .map((document) => document.toJSON() as Manifest | null)
    .filter((manifest): manifest is Manifest => manifest !== null);
}

const byKind = (manifests: Manifest[], kind: string) => manifests.filter((manifest) => manifest.kind === kind);
const podSpec = (manifests: Manifest[]) => (byKind(manifests, "Deployment")[0] as unknown as { spec: { template: { spec: PodSpec } } }).spec.template.spec;
const envOf = (container: Container, name: string) => container.env.find((variable) => variable.name === name);

/** Server-side apply with dryRun=All of every object, through the app's Kubernetes client. */
async function dryRunApply(manifests: Manifest[], namespace: string): Promise<string[]> {
  const http = createKubeHttp(sandbox.kubeConfig);
  const discovery = createDiscovery(http, `${sandbox.serverUrl}#chart-test`);
  const refused: string[] = [];
  for (const manifest of manifests) {
    const resource = await discovery.find(manifest.apiVersion, manifest.kind);
    if (!resource) {
      refused.push(`${manifest.kind}: not served by the cluster`);
      continue;
    }
    const query = new URLSearchParams({ dryRun: "All", fieldManager: "kdeploy-chart-test", fieldValidation: "Strict", force: "false" });
    const response = await http({
      method: "PATCH",
      path: `${objectPath(resource, manifest.metadata.name, resource.namespaced ? namespace : undefined)}?${query}`,
      body: JSON.stringify({ ...manifest, metadata: { ...manifest.metadata, ...(resource.namespaced ? { namespace } : {}) } }),
      contentType: "application/apply-patch+yaml",
    });
    if (response.status !== 200 && response.status !== 201)
      refused.push(`${manifest.kind}/${manifest.metadata.name}: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return refused;
}

describe("the kdeploy Helm chart", () => {
  test("helm lint is clean with the defaults and with a PostgreSQL setup (no errors, no warnings)", async () => {
    for (const values of [[], PRODUCTION]) {
      const result = await helm(["lint", CHART, "--strict", ...setArgs(values)]);
      assert.ok(result.ok, `${result.stdout}${result.stderr}`);
      assert.match(result.stdout, /1 chart\(s\) linted, 0 chart\(s\) failed/);
      assert.doesNotMatch(result.stdout, /\[(ERROR|WARNING)\]/);
    }
  });

  test("defaults: one SQLite instance on a kept volume, non-root, read-only root, probes on /api/health, a disruption budget", async () => {
    const manifests = await render([]);
    assert.deepEqual(manifests.map((manifest) => manifest.kind).sort(), [
      "Deployment",
      "PersistentVolumeClaim",
      "PodDisruptionBudget",
      "Service",
      "ServiceAccount",
    ]);
    const deployment = byKind(manifests, "Deployment")[0] as unknown as { spec: { replicas: number; strategy: { type: string } } };
    assert.equal(deployment.spec.replicas, 1);
    assert.equal(deployment.spec.strategy.type, "Recreate", "one SQLite writer at a time");
    const pod = podSpec(manifests);
    const container = pod.containers[0]!;
    assert.equal(pod.securityContext.runAsNonRoot, true);
    assert.notEqual(pod.securityContext.runAsUser, 0);
    assert.equal(pod.automountServiceAccountToken, false);
    assert.equal(container.securityContext.readOnlyRootFilesystem, true);
    assert.equal(container.securityContext.allowPrivilegeEscalation, false);
    assert.deepEqual(container.securityContext.capabilities, { drop: ["ALL"] });
    for (const probe of [container.readinessProbe, container.livenessProbe, container.startupProbe]) assert.equal(probe.httpGet.path, "/api/health");
    // The kubelet calls the pod IP; the server only answers to its own host names.
    assert.deepEqual(container.readinessProbe.httpGet.httpHeaders, [{ name: "Host", value: "localhost:3000" }]);
    assert.equal(envOf(container, "HOST")?.value, "0.0.0.0");
    assert.equal(envOf(container, "KDEPLOY_INSTANCE_ID")?.valueFrom?.fieldRef?.fieldPath, "metadata.name");
    assert.equal(envOf(container, "DATABASE_URL"), undefined, "SQLite on the data volume");
    assert.equal(envOf(container, "KDEPLOY_DATABASE_POOL_SIZE"), undefined, "no pool with SQLite");
    assert.equal(envOf(container, "KDEPLOY_METRICS_TOKEN"), undefined, "metrics are off by default");
    assert.deepEqual(container.volumeMounts.map((mount) => mount.mountPath).sort(), ["/app/.next/cache", "/data", "/tmp"]);
    assert.ok(container.resources.requests?.memory && container.resources.limits?.memory);
    const claim = byKind(manifests, "PersistentVolumeClaim")[0]!;
    assert.equal(claim.metadata.annotations?.["helm.sh/resource-policy"], "keep", "uninstalling does not delete the data");
    assert.equal(byKind(manifests, "Secret").length, 0, "nothing secret given, no Secret written");
  });

  test("PostgreSQL with replicas: connections and keys from existing Secrets or values, rolling updates, no volume claim, metrics and Ingress", async () => {
    const manifests = await render(PRODUCTION);
    assert.deepEqual(manifests.map((manifest) => manifest.kind).sort(), [
      "Deployment",
      "Ingress",
      "PodDisruptionBudget",
      "Secret",
      "Service",
      "ServiceAccount",
    ]);
    const deployment = byKind(manifests, "Deployment")[0] as unknown as { spec: { replicas: number; strategy: { type: string } } };
    assert.equal(deployment.spec.replicas, 3);
    assert.equal(deployment.spec.strategy.type, "RollingUpdate");
    const container = podSpec(manifests).containers[0]!;
    assert.deepEqual(envOf(container, "DATABASE_URL")?.valueFrom?.secretKeyRef, { name: "kdeploy-db", key: "DATABASE_URL" });
    assert.equal(envOf(container, "KDEPLOY_DATABASE_POOL_SIZE")?.value, "20");
    assert.deepEqual(envOf(container, "KDEPLOY_SECRET_KEY")?.valueFrom?.secretKeyRef, { name: "kdeploy-key", key: "KDEPLOY_SECRET_KEY" });
    assert.deepEqual(envOf(container, "REDIS_URL")?.valueFrom?.secretKeyRef, { name: "kd-kdeploy", key: "REDIS_URL" });
    assert.deepEqual(envOf(container, "KDEPLOY_METRICS_TOKEN")?.valueFrom?.secretKeyRef, { name: "kd-kdeploy", key: "KDEPLOY_METRICS_TOKEN" });
    assert.deepEqual(envOf(container, "KDEPLOY_ADMIN_PASSWORD")?.valueFrom?.secretKeyRef, { name: "kdeploy-admin", key: "KDEPLOY_ADMIN_PASSWORD" });
    assert.equal(envOf(container, "KDEPLOY_PUBLIC_URL")?.value, "https://kdeploy.example.com");
    assert.ok(
      container.env.every(
        (variable) => !/URL|KEY|TOKEN|PASSWORD/.test(variable.name) || variable.name === "KDEPLOY_PUBLIC_URL" || variable.valueFrom?.secretKeyRef,
      ),
      "no secret value in the pod spec",
    );
    const secret = byKind(manifests, "Secret")[0] as unknown as { stringData: Record<string, string> };
    assert.deepEqual(Object.keys(secret.stringData).sort(), ["KDEPLOY_METRICS_TOKEN", "REDIS_URL"], "only what was given in clear");
    assert.deepEqual(
      podSpec(manifests).volumes.find((volume) => volume.name === "data"),
      { name: "data", emptyDir: {} },
    );
  });

  test("combinations that would lose data or lock people out fail the render with the reason", async () => {
    const cases: [string[], RegExp][] = [
      [["replicaCount=2"], /replicaCount > 1 needs PostgreSQL/],
      [["persistence.enabled=false"], /SQLite without persistence loses/],
      [["database.url=postgres://kdeploy@db/kdeploy"], /secret key must be fixed/],
      [["metrics.enabled=true"], /metrics.enabled needs metrics.token/],
      [["metrics.enabled=true", "metrics.token=short"], /at least 32 characters/],
      [["ingress.enabled=true"], /ingress.enabled needs publicUrl/],
      [
        ["database.url=postgres://kdeploy@db/kdeploy", "secretKey.value=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=", "database.poolSize=0"],
        /database.poolSize must be a whole number from 1 to 1000/,
      ],
    ];
    for (const [values, message] of cases) {
      const result = await helm(["template", "kd", CHART, ...setArgs(values)]);
      assert.equal(result.ok, false, values.join(" "));
      assert.match(result.stderr, message);
    }
  });

  test("every rendered object is accepted by the sandbox's API server (server-side apply, dry run)", async () => {
    const namespace = await sandbox.createNamespace("chart");
    for (const values of [
      [],
      PRODUCTION,
      ["database.url=postgres://kdeploy:pw@db/kdeploy", "secretKey.value=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=", "podDisruptionBudget.minAvailable=1"],
    ]) {
      const manifests = await render(values, namespace);
      assert.deepEqual(await dryRunApply(manifests, namespace), [], values.join(" "));
    }
    // The check can fail: a field the API does not know is refused (fieldValidation=Strict).
    const broken = (await render([], namespace)).filter((manifest) => manifest.kind === "Service");
    (broken[0] as unknown as { spec: Record<string, unknown> }).spec.sessionAfinity = "None";
    assert.equal((await dryRunApply(broken, namespace)).length, 1);
  });
});
