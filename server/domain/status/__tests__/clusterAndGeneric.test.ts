import { test } from "node:test";
import assert from "node:assert/strict";
import { fixture, patched, withCondition, withStatus } from "../__fixtures__/fixtureBuilders";
import type { KubeObject } from "../kubeObject";
import { statusOf, verdictOf } from "./statusTestHelpers";

test("HPA: Success, explaining a False ScalingActive", () => {
  assert.deepEqual(statusOf(fixture("hpa-unable-to-scale")), {
    status: "Success",
    message:
      "ScalingActive is False: FailedGetResourceMetric: the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)",
    summary: "replicas 2, range 2-5",
  });
});

test("HPA: a False AbleToScale is named too; healthy conditions give a plain message", () => {
  const both = withCondition(fixture("hpa-unable-to-scale"), { type: "AbleToScale", status: "False", reason: "FailedGetScale", message: "no scale" });
  assert.match(verdictOf(both)[1], /ScalingActive is False: .*; AbleToScale is False: FailedGetScale: no scale$/);
  const healthy = withCondition(fixture("hpa-unable-to-scale"), { type: "ScalingActive", status: "True", reason: "ValidMetricFound" });
  assert.deepEqual(verdictOf(healthy), ["Success", "Exists"]);
});

test("Namespace: Active is Success, anything else InProgress", () => {
  assert.deepEqual(verdictOf(fixture("namespace-active")), ["Success", "Active"]);
  assert.deepEqual(verdictOf(withStatus(fixture("namespace-active"), { phase: "Pending" })), ["InProgress", "Phase Pending"]);
});

test("CRD: Established=True is Success", () => {
  assert.deepEqual(verdictOf(fixture("crd-established")), ["Success", "Established"]);
});

test("CRD: NamesAccepted=False is Error", () => {
  const clash = withStatus(fixture("crd-established"), {
    conditions: [
      { type: "NamesAccepted", status: "False", reason: "ListKindConflict", message: '"WidgetList" is already in use' },
      { type: "Established", status: "False", reason: "NotAccepted", message: "not all names are accepted" },
    ],
  });
  assert.deepEqual(verdictOf(clash), ["Error", 'ListKindConflict: "WidgetList" is already in use']);
});

test("CRD: not yet established is InProgress", () => {
  const pending = withStatus(fixture("crd-established"), { conditions: [{ type: "NamesAccepted", status: "True", reason: "NoConflicts" }] });
  assert.deepEqual(verdictOf(pending), ["InProgress", "Waiting for the API server to establish it"]);
});

const widget = fixture("custom-resource-not-ready");

test("custom resource: Ready=False is InProgress with reason and message", () => {
  assert.deepEqual(verdictOf(widget), ["InProgress", "DependencyNotReady: waiting for Secret widget-blue-tls"]);
});

test("custom resource: Ready=Unknown is InProgress", () => {
  const unknown = withCondition(widget, { type: "Ready", status: "Unknown", reason: "Reconciling", message: "" });
  assert.deepEqual(verdictOf(unknown), ["InProgress", "Reconciling"]);
});

test("custom resource: Ready=True is Success", () => {
  const ready = withCondition(widget, { type: "Ready", status: "True", reason: "Succeeded", message: "" });
  assert.deepEqual(verdictOf(ready), ["Success", "Ready"]);
});

test("custom resource: Stalled=True is Error, even when Ready=True", () => {
  const stalled = withCondition(withCondition(widget, { type: "Ready", status: "True" }), {
    type: "Stalled",
    status: "True",
    reason: "InvalidSpec",
    message: "size must be odd",
  });
  assert.deepEqual(verdictOf(stalled), ["Error", "InvalidSpec: size must be odd"]);
});

test("custom resource: Reconciling=True is InProgress, even when Ready=True", () => {
  const reconciling = withCondition(withCondition(widget, { type: "Ready", status: "True" }), {
    type: "Reconciling",
    status: "True",
    reason: "Progressing",
    message: "scaling to 3",
  });
  assert.deepEqual(verdictOf(reconciling), ["InProgress", "Progressing: scaling to 3"]);
});

test("custom resource: no status at all is Success, No status reported; a status without conditions says so", () => {
  assert.deepEqual(verdictOf(withStatus(widget, { conditions: undefined, observedGeneration: undefined })), ["Success", "No status reported"]);
  assert.deepEqual(verdictOf(withStatus(widget, { conditions: undefined })), ["Success", "Status has no conditions"]);
  const serviceAccount: KubeObject = { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "deployer", namespace: "x", uid: "u" } };
  assert.deepEqual(verdictOf(serviceAccount), ["Success", "No status reported"]);
});

test("custom resource: other conditions but no Ready is Success and says so", () => {
  const other = withStatus(widget, { conditions: [{ type: "Available", status: "False" }] });
  assert.deepEqual(verdictOf(other), ["Success", "No Ready condition reported"]);
});

test("a custom kind named like a built-in is judged by conditions, not by the built-in rule", () => {
  const lookalike = patched(widget, { apiVersion: "example.kdeploy.dev/v1", kind: "Deployment" });
  assert.deepEqual(verdictOf(lookalike), ["InProgress", "DependencyNotReady: waiting for Secret widget-blue-tls"]);
});
