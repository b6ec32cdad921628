// The tracker keeps a projection of each watched object (server/kube/watched-object.ts, issue 12);
// the drawer of a running step reads the whole object from the cluster at the path the tracker
// gives. On the sandbox: the pod the tracker holds has no volumes or container details, the one
// read for the drawer has them (and no managedFields: it is sanitized too).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { useSandbox, type Sandbox } from "../../sandbox/testing.ts";
import { systemClock } from "../kube/clock.ts";
import { httpTransport } from "../kube/http-transport.ts";
import { WatchHub } from "../kube/watch-hub.ts";
import { readObject } from "../live/object-details.ts";
import type { ObjectRowView } from "../contracts/object-status.ts";
import { StepTracker } from "./step-tracker.ts";
import { createObjects } from "./tracker-harness.ts";

let sandbox: Sandbox;
before(async () => {
  sandbox = await useSandbox();
});
after(async () => sandbox.cleanup());

type Pod = { metadata: Record<string, unknown>; spec: { containers: Record<string, unknown>[]; [key: string]: unknown }; status?: Record<string, unknown> };

test("the tracker holds a projected pod; the drawer's read at objectPath() gets the whole object", async () => {
  const namespace = await sandbox.createNamespace("drawer-object");
  const objects = await createObjects(sandbox.kubeConfig, [
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", namespace },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: "web" } },
        template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "app", image: "nginx:1.27", env: [{ name: "MODE", value: "x" }] }] } },
      },
    } as never,
  ]);
  const hub = new WatchHub((_cluster, resource, ns) => httpTransport(sandbox.kubeConfig, resource, ns), { lingerMs: 0 });
  let podRow: ObjectRowView | undefined;
  let seen: () => void = () => undefined;
  const podSeen = new Promise<void>((resolve) => (seen = resolve));
  const tracker = new StepTracker({
    hub,
    clusterKey: "test",
    clock: systemClock,
    stepRunId: "drawer-step",
    options: { waitForJobs: true, outcome: { timeoutSeconds: 60, stabilizationSeconds: 3600, podsCannotStart: null } },
    sink: {
      onRows: (batch) => {
        podRow ??= batch.upserts.find((row) => row.kind === "Pod");
        if (podRow) seen();
      },
      onLog: () => undefined,
    },
  });
  void tracker.start(objects);
  try {
    await podSeen;
    const key = podRow!.key;
    const held = tracker.observedObject(key) as Pod;
    assert.deepEqual(held.spec.containers, [{ name: "app", image: "nginx:1.27" }], "the tracker keeps only the container's name and image");
    const path = tracker.objectPath(key);
    assert.equal(path, `/api/v1/namespaces/${namespace}/pods/${podRow!.name}`);
    const whole = (await readObject(sandbox.kubeConfig, path!)) as Pod;
    assert.equal(whole.metadata.uid, podRow!.uid);
    assert.deepEqual(whole.spec.containers[0]!.env, [{ name: "MODE", value: "x" }], "the drawer's read has the container's details");
    assert.equal(whole.spec.containers[0]!.terminationMessagePath, "/dev/termination-log");
    assert.equal(whole.metadata.managedFields, undefined, "the read is sanitized");
    assert.equal(await readObject(sandbox.kubeConfig, `/api/v1/namespaces/${namespace}/pods/gone`), undefined, "a failed read gives nothing");
  } finally {
    tracker.stop();
    await hub.stop();
  }
});
