// Apply phases and bounded concurrency (issue 12): what must exist first is applied first, the
// rest with a bounded number in flight; a failure stops new work and names the first object.
import { test } from "node:test";
import assert from "node:assert/strict";
import { applyPhases, chainsOf } from "../apply-order.ts";
import { inParallel } from "../in-parallel.ts";
import type { KubeObject } from "../../render/form-objects.ts";

const object = (apiVersion: string, kind: string, name: string, namespace?: string): KubeObject =>
  ({ apiVersion, kind, metadata: { name, ...(namespace ? { namespace } : {}) } }) as KubeObject;

test("phases: Namespaces, CRDs, what admission checks others against, the rest, webhooks and APIServices last", () => {
  const objects = [
    object("apps/v1", "Deployment", "web", "shop"),
    object("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration", "policy"),
    object("v1", "ServiceAccount", "web", "shop"),
    object("rbac.authorization.k8s.io/v1", "RoleBinding", "web", "shop"),
    object("rbac.authorization.k8s.io/v1", "Role", "web", "shop"),
    object("apiextensions.k8s.io/v1", "CustomResourceDefinition", "widgets.example.com"),
    object("v1", "Namespace", "shop"),
    object("scheduling.k8s.io/v1", "PriorityClass", "high"),
    object("v1", "ResourceQuota", "quota", "shop"),
    object("apiregistration.k8s.io/v1", "APIService", "v1.metrics.example.com"),
    object("example.com/v1", "Role", "not-rbac", "shop"),
  ];
  assert.deepEqual(applyPhases(objects), { namespaces: [6], crds: [5], prerequisites: [2, 4, 7, 8], rest: [0, 3, 10], last: [1, 9] });
});

test("the same object given twice is one chain, in the author's order; others are chains of their own", () => {
  const objects = [
    object("v1", "ConfigMap", "a", "x"),
    object("v1", "ConfigMap", "b", "x"),
    object("v1", "ConfigMap", "a", "x"),
    object("v1", "ConfigMap", "a", "y"),
  ];
  assert.deepEqual(chainsOf(objects, [0, 1, 2, 3]), [[0, 2], [1], [3]]);
});

/** A run whose calls resolve when the test says so, recording what is in flight. */
function controlled() {
  const pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  const started: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const run = (index: number) =>
    new Promise<void>((resolve, reject) => {
      started.push(index);
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      pending.set(index, {
        resolve: () => (inFlight--, pending.delete(index), resolve()),
        reject: (error) => (inFlight--, pending.delete(index), reject(error)),
      });
    });
  return { run, pending, started, max: () => maxInFlight };
}
const turns = async (n = 5) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

test("at most `limit` in flight; a chain's second object starts only after its first", async () => {
  const c = controlled();
  const done = inParallel([[0, 5], [1], [2], [3], [4]], 3, c.run);
  await turns();
  assert.deepEqual(c.started, [0, 1, 2]);
  c.pending.get(0)!.resolve();
  await turns();
  assert.deepEqual(c.started, [0, 1, 2, 5], "index 5 follows 0 in its chain");
  while (c.pending.size) {
    for (const entry of [...c.pending.values()]) entry.resolve();
    await turns();
  }
  await done;
  assert.deepEqual([...c.started].sort(), [0, 1, 2, 3, 4, 5]);
  assert.equal(c.max(), 3);
});

test("after a failure nothing new starts, what is in flight finishes, and the first failing object in document order is thrown", async () => {
  const c = controlled();
  const done = inParallel([[0], [1], [2], [3], [4], [5]], 3, c.run);
  await turns();
  c.pending.get(2)!.reject(new Error("two"));
  await turns();
  assert.deepEqual(c.started, [0, 1, 2], "no new object after the failure");
  c.pending.get(1)!.reject(new Error("one"));
  c.pending.get(0)!.resolve();
  await assert.rejects(done, /one/);
  assert.deepEqual(c.started, [0, 1, 2]);
});
