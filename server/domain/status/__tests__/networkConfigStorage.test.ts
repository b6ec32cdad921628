import { test } from "node:test";
import assert from "node:assert/strict";
import { fixture, patched, withSpec, withStatus } from "../__fixtures__/fixtureBuilders";
import type { KubeObject } from "../kubeObject";
import type { VolumeBindingMode } from "../statusContext";
import { statusOf, verdictOf } from "./statusTestHelpers";

const slice = fixture("endpointslice");

test("Service: Success with type, cluster IP and ready endpoints from its EndpointSlices", () => {
  assert.deepEqual(statusOf(fixture("service-clusterip"), { endpointSlices: [slice] }), {
    status: "Success",
    message: "2 ready endpoints",
    summary: "ClusterIP, cluster IP 10.96.103.228, ready endpoints 2/2",
  });
});

test("Service: no slices known yet is still Success, without an endpoint count", () => {
  assert.deepEqual(statusOf(fixture("service-clusterip")), { status: "Success", message: "Exists", summary: "ClusterIP, cluster IP 10.96.103.228" });
});

test("Service: no ready endpoints is Success and says so", () => {
  const notReady = patched(slice, { endpoints: [{ addresses: ["10.244.1.9"], conditions: { ready: false } }] });
  assert.deepEqual(verdictOf(fixture("service-clusterip"), { endpointSlices: [notReady] }), ["Success", "No ready endpoints"]);
});

test("Service: dual-stack slices count each pod once; ready absent means ready", () => {
  const [first] = slice.endpoints as { targetRef: unknown }[];
  const ipv6: KubeObject = patched(slice, { addressType: "IPv6", endpoints: [{ addresses: ["fd00::17"], targetRef: first?.targetRef }] });
  const unknownReadiness: KubeObject = patched(slice, { endpoints: [{ addresses: ["10.0.0.99"] }] });
  const summary = statusOf(fixture("service-clusterip"), { endpointSlices: [slice, ipv6, unknownReadiness] }).summary;
  assert.equal(summary, "ClusterIP, cluster IP 10.96.103.228, ready endpoints 3/3");
});

test("EndpointSlice: endpoints marked not ready are counted as such", () => {
  const [first, second] = slice.endpoints as Record<string, unknown>[];
  const oneDown = patched(slice, { endpoints: [first, { ...second, conditions: { ready: false, serving: false, terminating: false } }] });
  assert.deepEqual(statusOf(oneDown), { status: "Success", message: "1 of 2 endpoints ready", summary: "ready endpoints 1/2" });
});

test("Service: a LoadBalancer without an address stays Success, waiting for an external address", () => {
  assert.deepEqual(verdictOf(fixture("service-loadbalancer-pending")), ["Success", "Waiting for an external address"]);
});

test("Service: a LoadBalancer with an address shows it", () => {
  const assigned = withStatus(fixture("service-loadbalancer-pending"), { loadBalancer: { ingress: [{ ip: "203.0.113.7", ipMode: "VIP" }] } });
  assert.deepEqual(verdictOf(assigned), ["Success", "External address 203.0.113.7"]);
});

test("Service: ExternalName has no cluster IP to show", () => {
  const external = withSpec(fixture("service-clusterip"), { type: "ExternalName", externalName: "db.example.com", clusterIP: undefined });
  assert.deepEqual(statusOf(external), { status: "Success", message: "Exists", summary: "ExternalName db.example.com" });
});

test("EndpointSlice: Success with ready endpoints", () => {
  assert.deepEqual(statusOf(slice), { status: "Success", message: "2 of 2 endpoints ready", summary: "ready endpoints 2/2" });
});

test("Ingress: Success, no address assigned yet", () => {
  assert.deepEqual(statusOf(fixture("ingress")), { status: "Success", message: "No address assigned yet", summary: "class nginx, hosts web.example.com" });
});

test("Ingress: shows its address (IP or hostname)", () => {
  const withAddress = withStatus(fixture("ingress"), { loadBalancer: { ingress: [{ hostname: "lb.example.net" }, { ip: "198.51.100.4" }] } });
  assert.deepEqual(verdictOf(withAddress), ["Success", "Address lb.example.net, 198.51.100.4"]);
});

test("ConfigMap: Success with the number of keys (data and binaryData)", () => {
  assert.deepEqual(statusOf(fixture("configmap")), { status: "Success", message: "Exists", summary: "keys 3" });
  const binary = patched(fixture("configmap"), { binaryData: { "logo.png": "iVBORw0KGgo=" } });
  assert.equal(statusOf(binary).summary, "keys 4");
});

test("Secret: Success with type and number of keys", () => {
  assert.deepEqual(statusOf(fixture("secret")), { status: "Success", message: "Exists", summary: "type Opaque, keys 2" });
});

test("Secret: the rule reads only type and key names, never values", () => {
  const values = new Proxy(
    { username: "x", password: "y" },
    {
      get(target, property) {
        if (typeof property === "string" && property in target) throw new Error(`value of ${property} was read`);
        return Reflect.get(target, property);
      },
    },
  );
  const secret = { ...fixture("secret"), data: values };
  assert.equal(statusOf(secret).summary, "type Opaque, keys 2");
});

test("PVC: Bound is Success", () => {
  assert.deepEqual(statusOf(fixture("pvc-bound")), {
    status: "Success",
    message: "Bound to pvc-1d2e3f4a-5b6c-4d7e-9f8a-0b1c2d3e4f24",
    summary: "class standard, size 1Gi, access ReadWriteOnce",
  });
});

test("PVC: Pending with a WaitForFirstConsumer class is Success, waiting for first consumer", () => {
  const storageClass = fixture("storageclass-wait-for-first-consumer");
  const lookup = (name: string) => (name === storageClass.metadata?.name ? (storageClass.volumeBindingMode as VolumeBindingMode) : undefined);
  assert.deepEqual(verdictOf(fixture("pvc-pending"), { storageClassBindingMode: lookup }), ["Success", "Waiting for first consumer"]);
});

test("PVC: Pending with an Immediate or unknown class is InProgress", () => {
  assert.deepEqual(verdictOf(fixture("pvc-pending"), { storageClassBindingMode: () => "Immediate" }), [
    "InProgress",
    "Pending: waiting for a volume to be bound",
  ]);
  assert.deepEqual(verdictOf(fixture("pvc-pending")), ["InProgress", "Pending: waiting for a volume to be bound"]);
});

test("PVC: Lost is Error", () => {
  assert.deepEqual(verdictOf(withStatus(fixture("pvc-bound"), { phase: "Lost" })), ["Error", "Lost: the bound volume no longer exists"]);
});
