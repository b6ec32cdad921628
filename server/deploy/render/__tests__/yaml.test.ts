import assert from "node:assert/strict";
import { test } from "node:test";
import { createSealer } from "../../../security/credentials.ts";
import { renderStep, RenderError, type RenderContext } from "../index.ts";

const context: RenderContext = {
  variables: { "Kdeploy.Release.Version": "2.0.1" },
  sealer: createSealer(Buffer.alloc(32, 7)),
  workDir: "/nonexistent",
  tools: { kubectl: "/nonexistent/kubectl", helm: "/nonexistent/helm" },
};

const render = (yaml: string) => renderStep({ type: "kubernetes-yaml", config: { source: "inline", yaml } }, context);

const MULTI = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: "shop:#{Kdeploy.Release.Version}"
---
apiVersion: v1
kind: Service
metadata: { name: web }
---
# only a comment: an empty document
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: fast
`;

test("renders every document in order, skips empty ones, substitutes variables", async () => {
  const result = await render(MULTI);
  assert.deepEqual(
    result.objects.map((object) => `${object.kind}/${object.metadata.name}`),
    ["Deployment/web", "Service/web", "ConfigMap/settings"],
  );
  assert.deepEqual(result.log, ["Rendered 3 objects from inline YAML: Deployment/web, Service/web, ConfigMap/settings"]);
  const deployment = result.objects[0] as unknown as { spec: { template: { spec: { containers: { image: string }[] } } } };
  assert.equal(deployment.spec.template.spec.containers[0]!.image, "shop:2.0.1");
  assert.equal(result.helm, undefined);
});

test("expands List kinds into their items, in place", async () => {
  const yaml = `apiVersion: v1
kind: Namespace
metadata: { name: first }
---
apiVersion: v1
kind: List
items:
  - { apiVersion: v1, kind: ConfigMap, metadata: { name: a } }
  - { apiVersion: v1, kind: ConfigMap, metadata: { name: b } }
---
apiVersion: v1
kind: ConfigMapList
items:
  - { apiVersion: v1, kind: ConfigMap, metadata: { name: c } }
`;
  const result = await render(yaml);
  assert.deepEqual(
    result.objects.map((object) => object.metadata.name),
    ["first", "a", "b", "c"],
  );
});

test("reads YAML the way kubectl does (YAML 1.1 octal and booleans, dates stay strings)", async () => {
  const yaml = `apiVersion: v1
kind: ConfigMap
metadata:
  name: x
  annotations: { released: 2024-05-01, at: 12:30 }
spec: { mode: 0644, enabled: yes }
`;
  const [object] = (await render(yaml)).objects;
  assert.deepEqual(object!.spec, { mode: 420, enabled: true });
  assert.deepEqual(object!.metadata.annotations, { released: "2024-05-01", at: "12:30" });
});

test("a parse error names the document, the line and the column, and ends on the yaml package's sentence (no dangling colon)", async () => {
  const yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: ok }\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n";
  await assert.rejects(render(yaml), (error: unknown) => {
    assert.ok(error instanceof RenderError);
    assert.match(error.message, /^YAML error in inline YAML, document 2, line \d+, column \d+: Flow sequence [^\n]*\]$/);
    return true;
  });
});

test("a variable that breaks the YAML after substitution is reported as a render error", async () => {
  const broken = await renderStep(
    { type: "kubernetes-yaml", config: { source: "inline", yaml: "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x }\ndata: { v: #{Bad} }\n" } },
    { ...context, variables: { Bad: "a: b: c" } },
  ).then(
    () => undefined,
    (error: unknown) => error,
  );
  // `#{Bad}` after ": " is a YAML comment before substitution; after it, the value is invalid.
  assert.ok(broken instanceof RenderError, String(broken));
  assert.match(broken.message, /document 1/);
});

test("objects without kind or name are refused with their position", async () => {
  const yaml =
    "apiVersion: v1\nkind: List\nitems:\n  - { apiVersion: v1, kind: ConfigMap, metadata: { name: a } }\n  - { apiVersion: v1, metadata: { name: b } }\n";
  await assert.rejects(render(yaml), /item 2 of the List is missing kind/);
});

test("unknown variables produce a warning line, and the token stays", async () => {
  const result = await render("apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x }\ndata: { v: '#{Nope}' }\n");
  assert.deepEqual(result.log[0], "Warning: unknown variable #{Nope} in inline YAML left as written");
  assert.deepEqual(result.objects[0]!.data, { v: "#{Nope}" });
});

test("files are rendered in order and errors name the file", async () => {
  const files = [
    { path: "a.yaml", content: "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n" },
    { path: "dir/b.yml", content: "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: b }\n" },
  ];
  const result = await renderStep({ type: "kubernetes-yaml", config: { source: "files", files } }, context);
  assert.deepEqual(
    result.objects.map((object) => object.metadata.name),
    ["a", "b"],
  );
  assert.equal(result.log.at(-1), "Rendered 2 objects from 2 files: ConfigMap/a, ConfigMap/b");
  const withBadSecondDocument = [
    { path: "bad.yaml", content: "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: ok }\n---\nkind: ConfigMap\nmetadata: { name: [x\n" },
  ];
  await assert.rejects(renderStep({ type: "kubernetes-yaml", config: { source: "files", files: withBadSecondDocument } }, context), RenderError);
});

test("an invalid configuration or an empty text is a RenderError, not a crash", async () => {
  await assert.rejects(
    renderStep({ type: "kubernetes-yaml", config: { source: "git" } }, context),
    /Kubernetes YAML step's configuration is invalid: source: /,
  );
  await assert.rejects(render("# nothing here\n---\n"), /No Kubernetes objects found in inline YAML/);
});
