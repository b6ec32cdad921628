// Helm steps on the sandbox: a tiny local chart rendered through renderStep, installed with
// --wait by Helm 3 and (when built) Helm 4; a release whose pods never become Ready fails;
// getReleaseManifest returns the release's objects.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { AppsV1Api } from "@kubernetes/client-node";
import { useSandbox, type Sandbox } from "../../../../sandbox/testing.ts";
import { createSealer } from "../../../security/credentials.ts";
import { renderStep } from "../../render/index.ts";
import { detectHelm, getReleaseManifest, runHelmUpgrade, writeTempKubeconfig, type HelmPlan } from "../index.ts";

const CHART = fileURLToPath(new URL("../../__fixtures__/charts/tiny-app", import.meta.url));

let sandbox: Sandbox;
let workDir: string;
let kubeconfigPath: string;
before(async () => {
  sandbox = await useSandbox();
  workDir = await mkdtemp(join(tmpdir(), "kdeploy-helm-test-"));
  kubeconfigPath = await writeTempKubeconfig(sandbox.kubeConfig, workDir);
});
after(async () => {
  await sandbox.cleanup();
  await rm(workDir, { recursive: true, force: true });
});

const helmBinaries = () => [join(sandbox.binDir, "helm"), join(sandbox.binDir, "helm4")].filter((path) => existsSync(path));

async function planFor(namespace: string, values: string): Promise<HelmPlan> {
  const stepDir = await mkdtemp(join(workDir, "step-"));
  const result = await renderStep(
    { type: "helm-chart", config: { chart: { source: "path", path: CHART }, releaseName: "tiny", namespace, values } },
    {
      variables: { "Kdeploy.Release.Version": "1.2.3" },
      sealer: createSealer(Buffer.alloc(32, 1)),
      workDir: stepDir,
      tools: { kubectl: join(sandbox.binDir, "kubectl"), helm: join(sandbox.binDir, "helm") },
      serverPathRoots: [dirname(CHART)],
    },
  );
  assert.deepEqual(result.objects, []);
  assert.ok(result.helm);
  return result.helm;
}

test("detectHelm reads the major version of the sandbox's Helm binaries", async () => {
  assert.equal((await detectHelm(join(sandbox.binDir, "helm"))).major, 3);
  if (existsSync(join(sandbox.binDir, "helm4"))) assert.equal((await detectHelm(join(sandbox.binDir, "helm4"))).major, 4);
});

test("a local chart installs with --wait; the release manifest lists its objects", async () => {
  for (const helmPath of helmBinaries()) {
    const namespace = await sandbox.createNamespace("helm-ok");
    const plan = await planFor(namespace, "greeting: 'release #{Kdeploy.Release.Version}'\n");
    assert.deepEqual(await getReleaseManifest({ releaseName: "tiny", namespace }, { kubeconfigPath, helmPath }), []);
    const lines: string[] = [];
    const result = await runHelmUpgrade(plan, {
      kubeconfigPath,
      helmPath,
      wait: true,
      waitForJobs: true,
      timeoutSeconds: 60,
      onLog: (line) => lines.push(line),
    });
    assert.equal(result.ok, true, result.output);
    assert.equal(result.exitCode, 0);
    assert.match(lines.join("\n"), /STATUS: deployed/);
    const deployment = await sandbox.kubeConfig.makeApiClient(AppsV1Api).readNamespacedDeployment({ name: "tiny-web", namespace });
    assert.equal(deployment.status?.readyReplicas, 1, `${helmPath}: the Deployment is ready once helm returns`);
    const objects = await getReleaseManifest({ releaseName: "tiny", namespace }, { kubeconfigPath, helmPath });
    assert.deepEqual(objects.map((object) => `${object.kind}/${object.metadata.name}`).sort(), ["ConfigMap/tiny-settings", "Deployment/tiny-web"]);
    const configMap = objects.find((object) => object.kind === "ConfigMap");
    assert.deepEqual(configMap?.data, { greeting: "release 1.2.3" }, "variables are substituted in the values");
  }
});

test("a chart whose pods never become Ready fails --wait within its timeout", async () => {
  for (const helmPath of helmBinaries()) {
    const namespace = await sandbox.createNamespace("helm-fail");
    const plan = await planFor(namespace, "podBehavior: never-ready\n");
    const started = Date.now();
    const lines: string[] = [];
    const result = await runHelmUpgrade(plan, {
      kubeconfigPath,
      helmPath,
      wait: true,
      waitForJobs: false,
      timeoutSeconds: 15,
      onLog: (line) => lines.push(line),
    });
    assert.equal(result.ok, false);
    assert.notEqual(result.exitCode, 0);
    assert.ok(Date.now() - started < 60_000, "Helm gave up near its timeout");
    assert.match(result.output, /context deadline exceeded|timed out|not ready|failed/i);
    assert.ok(lines.length > 0, "the output was streamed");
    // The release exists (failed), so its objects can still be shown.
    const objects = await getReleaseManifest({ releaseName: "tiny", namespace }, { kubeconfigPath, helmPath });
    assert.equal(objects.length, 2);
  }
});

test("a cancelled Helm run stops and reports failure", async () => {
  const namespace = await sandbox.createNamespace("helm-cancel");
  const plan = await planFor(namespace, "podBehavior: never-ready\n");
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 2_000);
  const result = await runHelmUpgrade(plan, {
    kubeconfigPath,
    helmPath: join(sandbox.binDir, "helm"),
    wait: true,
    waitForJobs: false,
    timeoutSeconds: 60,
    onLog: () => undefined,
    signal: controller.signal,
  });
  assert.equal(result.ok, false);
});
