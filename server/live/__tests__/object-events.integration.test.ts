// The drawer's events on the sandbox cluster: a crash-looping pod's events are found whatever uid
// its row carries. Helm rows carry their key ("Pod/<ns>/<name>") as a stand-in uid; looking events
// up by that uid found none, so the drawer said "No recent events" while the failure summary
// listed the pod's events. Events are now looked up by the observed object's uid, and by kind,
// namespace and name while the object is not observed yet.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { CoreV1Api, type V1Pod } from "@kubernetes/client-node";
import { useSandbox, type Sandbox } from "../../../sandbox/testing.ts";
import type { ObjectRowView } from "../../contracts/object-status.ts";
import { clusterLogRead, eventQuery, readEvents, readLogTail } from "../object-details.ts";

let sandbox: Sandbox;
let namespace: string;
let pod: V1Pod;

before(async () => {
  sandbox = await useSandbox();
  namespace = await sandbox.createNamespace("drawer-events");
  const core = sandbox.kubeConfig.makeApiClient(CoreV1Api);
  await core.createNamespacedPod({
    namespace,
    body: {
      metadata: { name: "crash", labels: { "sandbox.kdeploy.dev/behavior": "crashloop" } },
      spec: { containers: [{ name: "app", image: "nginx:1.27" }] },
    },
  });
  // The scheduler's event about the pod is what there is to find (kwok runs no kubelet).
  const deadline = Date.now() + 30_000;
  for (;;) {
    assert.ok(Date.now() < deadline, "no event about the pod within 30 s");
    const events = await core.listNamespacedEvent({ namespace, fieldSelector: "involvedObject.name=crash" });
    if (events.items.length > 0) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  pod = await core.readNamespacedPod({ namespace, name: "crash" });
});
after(() => sandbox.cleanup());

// The pod as a Helm step's row: keyed by kind/namespace/name, that key standing in for its uid.
const helmRow = (): ObjectRowView => ({
  key: `Pod/${namespace}/crash`,
  uid: `Pod/${namespace}/crash`,
  parentKey: null,
  apiVersion: "v1",
  kind: "Pod",
  namespace,
  name: "crash",
  status: "Error",
  message: "CrashLoopBackOff",
  summary: "",
  lastChangeAt: new Date().toISOString(),
});

test("a Helm row's events are found by the observed object's real uid", async () => {
  const query = eventQuery(helmRow(), pod);
  assert.equal(query.fieldSelector, `involvedObject.uid=${pod.metadata!.uid}`);
  const events = await readEvents(sandbox.kubeConfig, query);
  assert.ok(
    events.some((event) => event.reason === "Scheduled"),
    JSON.stringify(events),
  );
});

test("not observed yet: found by kind, namespace and name, never by the stand-in uid", async () => {
  const query = eventQuery(helmRow(), null);
  assert.ok(!query.fieldSelector.includes("involvedObject.uid"), query.fieldSelector);
  const events = await readEvents(sandbox.kubeConfig, query);
  assert.ok(
    events.some((event) => event.reason === "Scheduled"),
    JSON.stringify(events),
  );
});

test("the stand-in uid names no event (what the drawer used to ask)", async () => {
  const events = await readEvents(sandbox.kubeConfig, { path: `/api/v1/namespaces/${namespace}/events`, fieldSelector: `involvedObject.uid=${helmRow().uid}` });
  assert.deepEqual(events, []);
});

test("a row with a real uid is looked up by it", () => {
  const row = { ...helmRow(), key: pod.metadata!.uid!, uid: pod.metadata!.uid! };
  assert.equal(eventQuery(row, null).fieldSelector, `involvedObject.uid=${pod.metadata!.uid}`);
});

// kwok runs no kubelet: the API server has nowhere to read a container's log from. The drawer
// then says "The cluster returned no logs for this container" (a unit test with a fake read,
// object-logs.test.ts, covers the lines themselves).
test("the sandbox serves no logs for the crash-looping container: the drawer gets null, within the read's limit", async () => {
  const started = Date.now();
  assert.equal(await readLogTail(clusterLogRead(sandbox.kubeConfig), helmRow(), pod, "app"), null);
  assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
});
