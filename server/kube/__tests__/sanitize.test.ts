import { test } from "node:test";
import assert from "node:assert/strict";
import { fixture } from "../../domain/status/__fixtures__/fixtureBuilders.ts";
import type { KubeObject } from "../../domain/status/index.ts";
import { REDACTED, sanitizeObject } from "../sanitize.ts";

const capturedSecret: KubeObject = { ...fixture("secret"), metadata: { ...fixture("secret").metadata, managedFields: [{ manager: "kubectl" }] } };

test("sanitizeObject keeps keys, replaces every value and leaves no value anywhere in the object", () => {
  const withStringData: KubeObject = { ...capturedSecret, stringData: { token: "plain-token" } };
  const redacted = sanitizeObject(withStringData);
  assert.deepEqual(redacted.data, { username: "<redacted>", password: "<redacted>" });
  assert.deepEqual(redacted.stringData, { token: "<redacted>" });
  const serialized = JSON.stringify(redacted);
  for (const value of ["YXBw", "czNjcjN0LXBhc3N3b3Jk", "plain-token"]) assert.ok(!serialized.includes(value), `${value} leaked`);
});

test("sanitizeObject redacts the last-applied-configuration annotation, which holds the values", () => {
  const annotation = capturedSecret.metadata?.annotations?.["kubectl.kubernetes.io/last-applied-configuration"];
  assert.ok(annotation?.includes("czNjcjN0LXBhc3N3b3Jk"), "the captured fixture carries the values in the annotation");
  const redacted = sanitizeObject(capturedSecret);
  assert.equal(redacted.metadata?.annotations?.["kubectl.kubernetes.io/last-applied-configuration"], "<redacted>");
});

test("sanitizeObject strips managedFields from every object and leaves other kinds' data alone", () => {
  const configMap: KubeObject = { ...fixture("configmap"), metadata: { ...fixture("configmap").metadata, managedFields: [{ manager: "kubectl" }] } };
  const redacted = sanitizeObject(configMap);
  assert.equal(redacted.metadata?.managedFields, undefined);
  assert.deepEqual(redacted.data, fixture("configmap").data);
  assert.equal(sanitizeObject(capturedSecret).metadata?.managedFields, undefined);
});

test("sanitizeObject does not modify its input", () => {
  const before = JSON.stringify(capturedSecret);
  sanitizeObject(capturedSecret);
  assert.equal(JSON.stringify(capturedSecret), before);
});

test("a custom kind named Secret in another group is not mistaken for a core Secret", () => {
  const custom: KubeObject = { apiVersion: "example.kdeploy.dev/v1", kind: "Secret", metadata: { name: "x" }, data: { visible: "yes" } };
  assert.deepEqual(sanitizeObject(custom).data, { visible: "yes" });
});

test("Secret values and the last-applied annotation are redacted; other kinds are untouched", () => {
  const secret = {
    apiVersion: "v1",
    kind: "Secret",
    metadata: {
      name: "s",
      annotations: { "kubectl.kubernetes.io/last-applied-configuration": '{"data":{"p":"aHVudGVyMg=="}}', keep: "me" },
      managedFields: [{ manager: "x" }],
    },
    data: { p: "aHVudGVyMg==" },
    stringData: { q: "plain" },
  };
  const cleaned = sanitizeObject(secret);
  assert.deepEqual(cleaned, {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "s", annotations: { "kubectl.kubernetes.io/last-applied-configuration": REDACTED, keep: "me" } },
    data: { p: REDACTED },
    stringData: { q: REDACTED },
  });
  assert.deepEqual(secret.data, { p: "aHVudGVyMg==" }, "the input is not modified");
  const configMap = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { a: "1" } };
  assert.deepEqual(sanitizeObject(configMap), configMap);
});
