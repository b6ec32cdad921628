// Kustomize steps: files with a base and an overlay, rendered by the sandbox's kubectl and applied.
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { useSandbox, type Sandbox } from "../../../../sandbox/testing.ts";
import { createSealer } from "../../../security/credentials.ts";
import { applyObjects } from "../../apply/index.ts";
import { renderStep, RenderError, type RenderContext } from "../index.ts";

let sandbox: Sandbox;
let workDir: string;
let context: RenderContext;
before(async () => {
  sandbox = await useSandbox();
  workDir = await mkdtemp(join(tmpdir(), "kdeploy-kustomize-test-"));
  context = {
    variables: { "Kdeploy.Release.Version": "3.1.0" },
    sealer: createSealer(Buffer.alloc(32, 5)),
    workDir,
    tools: { kubectl: join(sandbox.binDir, "kubectl"), helm: join(sandbox.binDir, "helm") },
  };
});
after(async () => {
  await sandbox.cleanup();
  await rm(workDir, { recursive: true, force: true });
});

const files = [
  { path: "base/kustomization.yaml", content: "resources:\n  - deployment.yaml\n" },
  {
    path: "base/deployment.yaml",
    content: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: "shop:#{Kdeploy.Release.Version}"
`,
  },
  {
    path: "overlays/production/kustomization.yaml",
    content: `resources:
  - ../../base
namePrefix: prod-
configMapGenerator:
  - name: settings
    literals: [MODE=production]
patches:
  - target: { kind: Deployment, name: web }
    patch: |
      - op: replace
        path: /spec/replicas
        value: 2
`,
  },
];

test("renders an overlay with kubectl kustomize and applies the result", async () => {
  const namespace = await sandbox.createNamespace("kustomize");
  const result = await renderStep({ type: "kustomize", config: { source: "files", files, overlay: "overlays/production" } }, context);
  const names = result.objects.map((object) => `${object.kind}/${object.metadata.name}`);
  assert.equal(names.length, 2);
  assert.ok(names.includes("Deployment/prod-web"));
  assert.ok(
    names.some((name) => /^ConfigMap\/prod-settings-[a-z0-9]+$/.test(name)),
    names.join(),
  );
  const deployment = result.objects.find((object) => object.kind === "Deployment") as unknown as {
    spec: { replicas: number; template: { spec: { containers: { image: string }[] } } };
  };
  assert.equal(deployment.spec.replicas, 2);
  assert.equal(deployment.spec.template.spec.containers[0]!.image, "shop:3.1.0");
  assert.match(result.log.at(-1)!, /^Rendered 2 objects from Kustomize \(overlay overlays\/production\): /);

  const applied = await applyObjects(sandbox.kubeConfig, result.objects, { defaultNamespace: namespace });
  assert.deepEqual(
    applied.map((object) => object.namespace),
    [namespace, namespace],
  );
  assert.ok(applied.every((object) => object.uid));
});

test("a broken kustomization fails with kustomize's own message", async () => {
  const broken = [{ path: "kustomization.yaml", content: "resources:\n  - missing.yaml\n" }];
  const error = await renderStep(
    { type: "kustomize", config: { source: "files", files: broken } },
    { ...context, workDir: await mkdtemp(join(workDir, "broken-")) },
  ).then(
    () => undefined,
    (failure: unknown) => failure,
  );
  assert.ok(error instanceof RenderError);
  assert.match(error.message, /^kubectl kustomize the kustomization failed \(exit code 1\): .*missing\.yaml/s);
});
