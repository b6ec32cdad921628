// A YAML step whose Secret values were sealed at save renders them unsealed, in memory only, at
// the place the stored text shows "<redacted>".
import assert from "node:assert/strict";
import { test } from "node:test";
import { createSealer } from "../../../security/credentials.ts";
import { yamlStepConfig } from "../../../contracts/steps/index.ts";
import { storableYamlConfig } from "../../../process/yaml-secret-values.ts";
import { renderStep, RenderError, type RenderContext } from "../index.ts";

const context: RenderContext = {
  variables: { "Kdeploy.Release.Version": "2.0.1" },
  sealer: createSealer(Buffer.alloc(32, 9)),
  workDir: "/nonexistent",
  tools: { kubectl: "/nonexistent/kubectl", helm: "/nonexistent/helm" },
};

const stored = (input: Record<string, unknown>) => storableYamlConfig(yamlStepConfig.parse(input), undefined, context.sealer);
const render = (config: unknown, variables = context.variables) => renderStep({ type: "kubernetes-yaml", config }, { ...context, variables });

const YAML = `apiVersion: v1
kind: ConfigMap
metadata: { name: "app-#{Kdeploy.Release.Version}" }
---
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Secret
    metadata: { name: "creds-#{Kdeploy.Release.Version}" }
    stringData:
      password: "pa#{Kdeploy.Release.Version}ss"
    data: { token: dG9rZW4= }
`;

test("sealed values are put back after substitution, and are not substituted themselves", async () => {
  const config = stored({ source: "inline", yaml: YAML });
  assert.ok(!JSON.stringify(config).includes("dG9rZW4="));
  const result = await render(config);
  const secret = result.objects.find((object) => object.kind === "Secret")!;
  assert.equal(secret.metadata.name, "creds-2.0.1", "the rest of the text is substituted");
  assert.deepEqual(secret.stringData, { password: "pa#{Kdeploy.Release.Version}ss" });
  assert.deepEqual(secret.data, { token: "dG9rZW4=" });
  assert.ok(!result.log.join("\n").includes("pa#{"), "no value in the task log");
});

test("uploaded files get their own values", async () => {
  // Two names: the same Secret twice in one step is a field error (server/contracts/manifests.ts).
  const secret = (value: string) => `apiVersion: v1\nkind: Secret\nmetadata: { name: s-${value} }\nstringData: { v: ${value} }\n`;
  const config = stored({
    source: "files",
    files: [
      { path: "a.yaml", content: secret("one") },
      { path: "b/b.yaml", content: secret("two") },
    ],
  });
  const result = await render(config);
  assert.deepEqual(
    result.objects.map((object) => (object.stringData as { v: string }).v),
    ["one", "two"],
  );
});

test("a stored value with no place after substitution, or a <redacted> with no stored value, is a render error, never applied", async () => {
  const config = stored({ source: "inline", yaml: "#{Extra}\napiVersion: v1\nkind: Secret\nmetadata: { name: s }\nstringData: { v: x }\n" });
  await assert.rejects(render(config, { Extra: "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\n---" }), (error: unknown) => {
    assert.ok(error instanceof RenderError);
    assert.match(error.message, /sealed value of key v in Secret s has no place in inline YAML, document 1/);
    return true;
  });
  const unsealed = { ...config, sealedValues: [] };
  await assert.rejects(render(unsealed), /value of key v in Secret s is "<redacted>" and has no stored value/);
});

test("a value sealed with another key is a render error that names the key, not a crash", async () => {
  const config = storableYamlConfig(
    yamlStepConfig.parse({ source: "inline", yaml: "apiVersion: v1\nkind: Secret\nmetadata: { name: s }\nstringData: { v: x }\n" }),
    undefined,
    createSealer(Buffer.alloc(32, 1)),
  );
  await assert.rejects(render(config), /value of key v in Secret s could not be unsealed: .*another secret key/);
});

test("a step stored before sealing renders its clear text as before", async () => {
  const result = await render({ source: "inline", yaml: "apiVersion: v1\nkind: Secret\nmetadata: { name: s }\nstringData: { v: legacy }\n" });
  assert.deepEqual(result.objects[0]!.stringData, { v: "legacy" });
});
