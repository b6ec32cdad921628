import { test } from "node:test";
import assert from "node:assert/strict";
import { fixture } from "../__fixtures__/fixtureBuilders";
import type { KubeObject } from "../kubeObject";
import { redactSecret } from "../redactSecret";

const capturedSecret: KubeObject = { ...fixture("secret"), metadata: { ...fixture("secret").metadata, managedFields: [{ manager: "kubectl" }] } };

test("redactSecret keeps keys, replaces every value and leaves no value anywhere in the object", () => {
  const withStringData: KubeObject = { ...capturedSecret, stringData: { token: "plain-token" } };
  const redacted = redactSecret(withStringData);
  assert.deepEqual(redacted.data, { username: "<redacted>", password: "<redacted>" });
  assert.deepEqual(redacted.stringData, { token: "<redacted>" });
  const serialized = JSON.stringify(redacted);
  for (const value of ["YXBw", "czNjcjN0LXBhc3N3b3Jk", "plain-token"]) assert.ok(!serialized.includes(value), `${value} leaked`);
});

test("redactSecret redacts the last-applied-configuration annotation, which holds the values", () => {
  const annotation = capturedSecret.metadata?.annotations?.["kubectl.kubernetes.io/last-applied-configuration"];
  assert.ok(annotation?.includes("czNjcjN0LXBhc3N3b3Jk"), "the captured fixture carries the values in the annotation");
  const redacted = redactSecret(capturedSecret);
  assert.equal(redacted.metadata?.annotations?.["kubectl.kubernetes.io/last-applied-configuration"], "<redacted>");
});

test("redactSecret strips managedFields from every object and leaves other kinds' data alone", () => {
  const configMap: KubeObject = { ...fixture("configmap"), metadata: { ...fixture("configmap").metadata, managedFields: [{ manager: "kubectl" }] } };
  const redacted = redactSecret(configMap);
  assert.equal(redacted.metadata?.managedFields, undefined);
  assert.deepEqual(redacted.data, fixture("configmap").data);
  assert.equal(redactSecret(capturedSecret).metadata?.managedFields, undefined);
});

test("redactSecret does not modify its input", () => {
  const before = JSON.stringify(capturedSecret);
  redactSecret(capturedSecret);
  assert.equal(JSON.stringify(capturedSecret), before);
});

test("a custom kind named Secret in another group is not mistaken for a core Secret", () => {
  const custom: KubeObject = { apiVersion: "example.kdeploy.dev/v1", kind: "Secret", metadata: { name: "x" }, data: { visible: "yes" } };
  assert.deepEqual(redactSecret(custom).data, { visible: "yes" });
});
