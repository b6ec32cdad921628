import assert from "node:assert/strict";
import { test } from "node:test";
import { createSealer } from "../../../security/credentials.ts";
import { renderStep, RenderError, type RenderContext } from "../index.ts";

const sealer = createSealer(Buffer.alloc(32, 3));
const context: RenderContext = {
  variables: { "Kdeploy.Environment.Name": "staging" },
  sealer,
  workDir: "/nonexistent",
  tools: { kubectl: "kubectl", helm: "helm" },
};

test("a Secret step unseals its values into stringData", async () => {
  const config = { name: "creds", namespace: "shop", type: "Opaque", labels: [], data: [{ key: "password", sealedValue: sealer.seal("hunter2") }] };
  const result = await renderStep({ type: "secret", config }, context);
  assert.deepEqual(result.objects, [
    { apiVersion: "v1", kind: "Secret", metadata: { name: "creds", namespace: "shop" }, type: "Opaque", stringData: { password: "hunter2" } },
  ]);
  assert.deepEqual(result.log, ["Rendered 1 object from the form: Secret/creds"]);
  assert.doesNotMatch(result.log.join("\n"), /hunter2/);
});

test("a value sealed with another key is a clear RenderError", async () => {
  const other = createSealer(Buffer.alloc(32, 9));
  const config = { name: "creds", type: "Opaque", labels: [], data: [{ key: "password", sealedValue: other.seal("x") }] };
  await assert.rejects(renderStep({ type: "secret", config }, context), (error: unknown) => {
    assert.ok(error instanceof RenderError);
    assert.match(error.message, /Secret key "password" could not be unsealed: This value was sealed with another secret key/);
    return true;
  });
});

test("configure-resources builds the Deployment and the enabled parts, with its Secret unsealed", async () => {
  const config = {
    namespace: "shop",
    deployment: { name: "web", containers: [{ name: "web", image: "nginx:1.27" }] },
    service: { enabled: true, ports: [{ port: 80 }] },
    configMap: { enabled: true, data: [{ key: "ENV", value: "#{Kdeploy.Environment.Name}" }] },
    secret: { enabled: true, name: "", data: [{ key: "TOKEN", sealedValue: sealer.seal("s3cr3t") }] },
  };
  const result = await renderStep({ type: "kubernetes-resources", config }, context);
  assert.deepEqual(
    result.objects.map((object) => `${object.kind}/${object.metadata.name}`),
    ["Deployment/web", "ConfigMap/web-config", "Secret/web-secret", "Service/web"],
  );
  assert.deepEqual(result.objects[1]!.data, { ENV: "staging" }, "variables are substituted in form fields");
  assert.deepEqual(result.objects[2]!.stringData, { TOKEN: "s3cr3t" });
});

test("ConfigMap, Service and Ingress steps render one object each", async () => {
  const configMap = await renderStep({ type: "configmap", config: { name: "settings", data: [{ key: "a", value: "1" }] } }, context);
  assert.deepEqual(configMap.objects, [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings" }, data: { a: "1" } }]);
  const service = await renderStep(
    { type: "service", config: { name: "web", selector: [{ key: "app", value: "web" }], ports: [{ port: 80, targetPort: 8080 }] } },
    context,
  );
  assert.deepEqual(service.objects[0]!.spec, { type: "ClusterIP", selector: { app: "web" }, ports: [{ port: 80, targetPort: 8080, protocol: "TCP" }] });
  const ingress = await renderStep(
    { type: "ingress", config: { name: "web", rules: [{ host: "shop.example.com", paths: [{ serviceName: "web", servicePort: 80 }] }] } },
    context,
  );
  assert.equal(ingress.objects[0]!.kind, "Ingress");
});

test("an invalid form configuration names the field", async () => {
  await assert.rejects(
    renderStep({ type: "configmap", config: { name: "Bad Name", data: [{ key: "a", value: "1" }] } }, context),
    /ConfigMap step's configuration is invalid: name: ConfigMap name must be/,
  );
});
