import { test } from "node:test";
import assert from "node:assert/strict";
import { STEP_TYPES, stepInput } from "../steps/index.ts";
import { validConfigs, validStep } from "./step-builders.ts";
import { MAX_YAML_BYTES } from "../limits.ts";

const issuesOf = (input: unknown) => {
  const result = stepInput.safeParse(input);
  assert.equal(result.success, false, "expected the input to be refused");
  return result.error!.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
};
const pathsOf = (input: unknown) => issuesOf(input).map((issue) => issue.path);

test("every step type accepts its minimal valid configuration", () => {
  for (const type of STEP_TYPES) {
    const result = stepInput.safeParse(validStep(type));
    assert.ok(result.success, `${type}: ${JSON.stringify(result.error?.issues)}`);
  }
});

test("a new step has verification on with the documented defaults", () => {
  const step = stepInput.parse(validStep("kubernetes-yaml"));
  assert.deepEqual(step.verification, {
    kind: "objectStatus",
    enabled: true,
    timeoutEnabled: true,
    timeoutSeconds: 180,
    waitForJobs: false,
    stabilizationSeconds: 10,
    failEarlyWhenPodsCannotStart: false,
    podStartGraceSeconds: 30,
  });
  const helm = stepInput.parse(validStep("helm-chart"));
  assert.deepEqual(helm.verification, { kind: "helm", enabled: true, waitForJobs: false, timeoutSeconds: 300 });
});

test("the Helm step gets the Helm verification block, every other step the object status check", () => {
  for (const type of STEP_TYPES) {
    const step = stepInput.parse(validStep(type));
    assert.equal(step.verification.kind, type === "helm-chart" ? "helm" : "objectStatus", type);
  }
});

test("verification bounds: timeout at least 1 s, stabilization 0..3600 s, whole numbers", () => {
  const withVerification = (verification: Record<string, unknown>) => validStep("configmap", { verification });
  assert.deepEqual(pathsOf(withVerification({ timeoutSeconds: 0 })), ["verification.timeoutSeconds"]);
  assert.deepEqual(pathsOf(withVerification({ timeoutSeconds: 100_000 })), ["verification.timeoutSeconds"]);
  assert.deepEqual(pathsOf(withVerification({ timeoutSeconds: 1.5 })), ["verification.timeoutSeconds"]);
  assert.deepEqual(pathsOf(withVerification({ stabilizationSeconds: -1 })), ["verification.stabilizationSeconds"]);
  assert.deepEqual(pathsOf(withVerification({ stabilizationSeconds: "ten" })), ["verification.stabilizationSeconds"]);
  assert.deepEqual(pathsOf(withVerification({ podStartGraceSeconds: 0 })), ["verification.podStartGraceSeconds"]);
  const zero = stepInput.parse(withVerification({ stabilizationSeconds: 0 }));
  assert.equal(zero.verification.kind === "objectStatus" && zero.verification.stabilizationSeconds, 0);
});

test("a disabled timeout keeps its number but turns the limit off", () => {
  const step = stepInput.parse(validStep("service", { verification: { timeoutEnabled: false, timeoutSeconds: 600 } }));
  assert.equal(step.verification.kind, "objectStatus");
  if (step.verification.kind !== "objectStatus") return;
  assert.equal(step.verification.timeoutEnabled, false);
  assert.equal(step.verification.timeoutSeconds, 600);
});

test("verification off is kept as off", () => {
  const step = stepInput.parse(validStep("ingress", { verification: { enabled: false } }));
  assert.equal(step.verification.enabled, false);
});

test("YAML steps: every document needs apiVersion, kind and metadata.name", () => {
  const issues = issuesOf(validStep("kubernetes-yaml", { config: { yaml: "apiVersion: v1\nkind: ConfigMap\n---\nkind: Secret\nmetadata: { name: x }\n" } }));
  assert.deepEqual(issues, [
    { path: "config.yaml", message: "Document 1: missing metadata.name" },
    { path: "config.yaml", message: "Document 2: missing apiVersion" },
  ]);
  assert.match(issuesOf(validStep("kubernetes-yaml", { config: { yaml: "a: [unclosed" } }))[0]!.message, /YAML error/);
  assert.match(issuesOf(validStep("kubernetes-yaml", { config: { yaml: "   " } }))[0]!.message, /at least one Kubernetes object/);
  assert.match(issuesOf(validStep("kubernetes-yaml", { config: { yaml: "- a\n- b\n" } }))[0]!.message, /not a mapping/);
});

test("YAML steps: List kinds are checked item by item", () => {
  const list =
    "apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: { name: a }\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {}\n";
  const issues = issuesOf(validStep("kubernetes-yaml", { config: { yaml: list } }));
  assert.equal(issues.length, 1);
  assert.match(issues[0]!.message, /item 2 of the List: missing metadata.name/);
});

test("YAML steps: uploaded files are each checked, and at least one is needed", () => {
  assert.deepEqual(pathsOf(validStep("kubernetes-yaml", { config: { source: "files", files: [] } })), ["config.files"]);
  const issues = issuesOf(
    validStep("kubernetes-yaml", {
      config: {
        source: "files",
        files: [
          { path: "a.yaml", content: validConfigs["kubernetes-yaml"].yaml },
          { path: "b.yaml", content: "kind: X" },
        ],
      },
    }),
  );
  assert.equal(issues[0]!.path, "config.files.1.content");
  assert.match(issues[0]!.message, /^b\.yaml, document 1: missing apiVersion, metadata\.name/);
  assert.deepEqual(pathsOf(validStep("kubernetes-yaml", { config: { source: "files", files: [{ path: "../etc/passwd", content: "x" }] } })).slice(0, 1), [
    "config.files.0.path",
  ]);
});

test("oversized YAML is refused with a clear message", () => {
  const big = `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: big }\ndata:\n  blob: "${"x".repeat(MAX_YAML_BYTES)}"\n`;
  const issues = issuesOf(validStep("kubernetes-yaml", { config: { yaml: big } }));
  assert.ok(
    issues.some((issue) => issue.path === "config.yaml" && /larger than 1 MiB/.test(issue.message)),
    JSON.stringify(issues.map((i) => i.message)),
  );
});

test("Helm steps need a chart reference and a valid release name", () => {
  assert.deepEqual(pathsOf(validStep("helm-chart", { config: { releaseName: "web" } })), ["config.chart"]);
  assert.deepEqual(
    pathsOf(validStep("helm-chart", { config: { chart: { source: "repository", repositoryUrl: "ftp://x", chartName: "" }, releaseName: "web" } })).sort(),
    ["config.chart.chartName", "config.chart.repositoryUrl"],
  );
  assert.deepEqual(pathsOf(validStep("helm-chart", { config: { chart: { source: "oci", reference: "registry/x" }, releaseName: "web" } })), [
    "config.chart.reference",
  ]);
  assert.deepEqual(pathsOf(validStep("helm-chart", { config: { chart: { source: "path", path: "relative/chart" }, releaseName: "web" } })), [
    "config.chart.path",
  ]);
  assert.deepEqual(pathsOf(validStep("helm-chart", { config: { ...validConfigs["helm-chart"], releaseName: "Web_App" } })), ["config.releaseName"]);
  assert.deepEqual(pathsOf(validStep("helm-chart", { config: { ...validConfigs["helm-chart"], releaseName: "a".repeat(54) } })), ["config.releaseName"]);
  assert.deepEqual(pathsOf(validStep("helm-chart", { config: { ...validConfigs["helm-chart"], values: "- a list" } })), ["config.values"]);
  assert.deepEqual(pathsOf(validStep("helm-chart", { config: { ...validConfigs["helm-chart"], values: "key: [" } })), ["config.values"]);
  assert.ok(
    stepInput.safeParse(
      validStep("helm-chart", { config: { chart: { source: "upload", fileName: "app-1.0.0.tgz", archiveBase64: "H4sIAAAA" }, releaseName: "web" } }),
    ).success,
  );
});

test("Kustomize steps need a kustomization (at the overlay when one is named)", () => {
  assert.deepEqual(pathsOf(validStep("kustomize", { config: { source: "files", files: [{ path: "deployment.yaml", content: "x" }] } })), ["config.files"]);
  const overlay = { source: "files", overlay: "overlays/prod", files: [{ path: "kustomization.yaml", content: "resources: []" }] };
  assert.match(issuesOf(validStep("kustomize", { config: overlay }))[0]!.message, /overlays\/prod\/kustomization\.yaml/);
  assert.ok(
    stepInput.safeParse(
      validStep("kustomize", {
        config: { ...overlay, files: [...overlay.files, { path: "overlays/prod/kustomization.yaml", content: "resources: [../../]" }] },
      }),
    ).success,
  );
  assert.deepEqual(pathsOf(validStep("kustomize", { config: { source: "path", path: "relative" } })), ["config.path"]);
});

test("ConfigMap and Secret steps: valid names and keys, at least one unique key", () => {
  assert.deepEqual(pathsOf(validStep("configmap", { config: { name: "Bad Name", data: [{ key: "a", value: "1" }] } })), ["config.name"]);
  assert.deepEqual(pathsOf(validStep("configmap", { config: { name: "ok", data: [] } })), ["config.data"]);
  assert.deepEqual(pathsOf(validStep("configmap", { config: { name: "ok", data: [{ key: "a b", value: "1" }] } })), ["config.data.0.key"]);
  assert.deepEqual(
    pathsOf(
      validStep("configmap", {
        config: {
          name: "ok",
          data: [
            { key: "a", value: "1" },
            { key: "a", value: "2" },
          ],
        },
      }),
    ),
    ["config.data"],
  );
  assert.deepEqual(pathsOf(validStep("secret", { config: { name: "ok", type: "Weird", data: [{ key: "a", value: "1" }] } })), ["config.type"]);
  assert.deepEqual(pathsOf(validStep("configmap", { config: { name: "ok", namespace: "Prod", data: [{ key: "a", value: "1" }] } })), ["config.namespace"]);
});

test("Service steps: ports in range, named when several, selector required", () => {
  assert.deepEqual(pathsOf(validStep("service", { config: { name: "web", selector: [], ports: [{ port: 80 }] } })), ["config.selector"]);
  assert.deepEqual(pathsOf(validStep("service", { config: { name: "web", selector: [{ key: "app", value: "web" }], ports: [{ port: 70000 }] } })), [
    "config.ports.0.port",
  ]);
  assert.deepEqual(
    pathsOf(validStep("service", { config: { name: "web", selector: [{ key: "app", value: "web" }], ports: [{ port: 80 }, { port: 443 }] } })).sort(),
    ["config.ports.0.name", "config.ports.1.name"],
  );
  assert.deepEqual(
    pathsOf(validStep("service", { config: { name: "web", selector: [{ key: "app", value: "web" }], ports: [{ port: 80, nodePort: 30080 }] } })),
    ["config.ports.0.nodePort"],
  );
  assert.deepEqual(pathsOf(validStep("service", { config: { name: "web", selector: [{ key: "app", value: "web" }], ports: [] } })), ["config.ports"]);
});

test("Ingress steps: host names, paths, at least one rule", () => {
  assert.deepEqual(pathsOf(validStep("ingress", { config: { name: "web", rules: [] } })), ["config.rules"]);
  assert.deepEqual(
    pathsOf(validStep("ingress", { config: { name: "web", rules: [{ host: "https://x.com", paths: [{ path: "/", serviceName: "web", servicePort: 80 }] }] } })),
    ["config.rules.0.host"],
  );
  assert.deepEqual(
    pathsOf(validStep("ingress", { config: { name: "web", rules: [{ host: "x.com", paths: [{ path: "api", serviceName: "web", servicePort: 80 }] }] } })),
    ["config.rules.0.paths.0.path"],
  );
});

test("Configure resources: a Deployment with containers; optional parts validated only when enabled", () => {
  const base = validConfigs["kubernetes-resources"] as { deployment: Record<string, unknown> };
  assert.deepEqual(pathsOf(validStep("kubernetes-resources", { config: { deployment: { ...base.deployment, containers: [] } } })), [
    "config.deployment.containers",
  ]);
  assert.deepEqual(pathsOf(validStep("kubernetes-resources", { config: { deployment: { ...base.deployment, replicas: -1 } } })), [
    "config.deployment.replicas",
  ]);
  assert.deepEqual(pathsOf(validStep("kubernetes-resources", { config: { deployment: { ...base.deployment, containers: [{ name: "web", image: "" }] } } })), [
    "config.deployment.containers.0.image",
  ]);
  assert.deepEqual(pathsOf(validStep("kubernetes-resources", { config: { deployment: { ...base.deployment, strategy: "BlueGreen" } } })), [
    "config.deployment.strategy",
  ]);
  // A disabled Service may be half filled in; an enabled one may not.
  assert.ok(
    stepInput.safeParse(validStep("kubernetes-resources", { config: { deployment: base.deployment, service: { enabled: false, ports: [] } } })).success,
  );
  assert.deepEqual(pathsOf(validStep("kubernetes-resources", { config: { deployment: base.deployment, service: { enabled: true, ports: [] } } })), [
    "config.service.ports",
  ]);
  assert.deepEqual(
    pathsOf(
      validStep("kubernetes-resources", { config: { deployment: base.deployment, configMap: { enabled: true, data: [{ key: "bad key", value: "" }] } } }),
    ),
    ["config.configMap.data.0.key"],
  );
});

test("step names are required and the type must be one of the eight", () => {
  assert.deepEqual(pathsOf(validStep("configmap", { name: "  " })), ["name"]);
  assert.deepEqual(pathsOf({ ...validStep("configmap"), type: "terraform" }), ["type"]);
});
