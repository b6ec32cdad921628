// The projection at the watch boundary (watched-object.ts) keeps what the rules read: on every
// captured sandbox fixture, and on random variations of them (fast-check), the rules, the
// parent/child links and the ReplicaSet visibility answer exactly the same with and without it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import fc from "fast-check";
import { fixture } from "../../domain/status/__fixtures__/fixtureBuilders.ts";
import { computeObjectStatus, isReplicaSetShown, ownerUidOf, type KubeObject as DomainObject, type StatusContext } from "../../domain/status/index.ts";
import { knownGroupKinds } from "../../domain/status/computeObjectStatus.ts";
import { REDACTED } from "../sanitize.ts";
import { projectWatched, projectingTransport } from "../watched-object.ts";
import type { KubeObject } from "../watch-stream.ts";

const fixtureDir = new URL("../../domain/status/__fixtures__/", import.meta.url);
const captured: DomainObject[] = readdirSync(fixtureDir)
  .filter((file) => file.endsWith(".json"))
  .flatMap((file) => {
    const loaded = fixture(file.replace(/\.json$/, "")) as DomainObject & { items?: DomainObject[] };
    return loaded.items ?? [loaded];
  });
const slices = captured.filter((object) => object.kind === "EndpointSlice");

const contexts: StatusContext[] = [
  { waitForJobs: true },
  { waitForJobs: false },
  {
    waitForJobs: true,
    descendantProblems: () => "2 pods CrashLoopBackOff: back-off restarting failed container app",
    endpointSlices: slices,
    storageClassBindingMode: () => "WaitForFirstConsumer",
  },
];

const project = (object: DomainObject) => projectWatched(structuredClone(object) as unknown as KubeObject) as unknown as DomainObject;

/** Everything the engine derives from one object. */
function verdicts(object: DomainObject) {
  return {
    statuses: contexts.map((context) => computeObjectStatus(object, context)),
    owner: ownerUidOf(object),
    // The tracker asks only ReplicaSets (step-tracker.ts); asking a Pod carrying a random
    // `spec.replicas` (a variation below) compared a field no Pod has (CI failure, seed 995717812).
    shown: object.kind === "ReplicaSet" ? [0, 2].map((ownedPodCount) => isReplicaSetShown(object, { ownedPodCount, deploymentRevision: "1" })) : [],
  };
}

const assertSame = (object: DomainObject) =>
  assert.deepEqual(verdicts(project(object)), verdicts(object), `${object.kind} ${object.metadata?.name ?? ""}: the projection changed a verdict`);

test("every captured fixture gets the same statuses, owner and visibility with and without the projection", () => {
  assert.ok(captured.length > 40, `only ${captured.length} fixtures found`);
  for (const object of captured) assertSame(object);
});

const word = fc.constantFrom(
  ...["True", "False", "Running", "Pending", "Failed", "Succeeded", "Never", "OnFailure", "Always", "OnDelete", "Ready", ""],
  ...["CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull", "CreateContainerConfigError", "ContainerCreating", "OOMKilled", "Error", "Completed"],
);
const value = fc.oneof(word, fc.integer({ min: -1, max: 4 }), fc.boolean(), fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined));
const state = fc.oneof(
  fc.record({ waiting: fc.record({ reason: word, message: fc.option(word, { nil: undefined }) }) }),
  fc.record({ terminated: fc.record({ reason: word, exitCode: fc.integer({ min: 0, max: 137 }), message: fc.option(word, { nil: undefined }) }) }),
  fc.record({ running: fc.record({ startedAt: fc.constant("2026-01-01T00:00:00Z") }) }),
  value,
);
const container = fc.record(
  {
    name: word,
    image: word,
    ready: fc.boolean(),
    restartCount: fc.integer({ min: 0, max: 3 }),
    containerID: fc.constant("containerd://0123"),
    state,
    lastState: state,
    env: value,
  },
  { requiredKeys: [] },
);
const condition = fc.record({ type: word, status: word, reason: fc.option(word, { nil: undefined }), message: fc.option(fc.string(), { nil: undefined }) });
// Fields the rules read, and fields the projection drops, each set to something random.
const paths: [string, string][] = [
  ["spec", "replicas"],
  ["spec", "paused"],
  ["spec", "suspend"],
  ["spec", "completions"],
  ["spec", "restartPolicy"],
  ["spec", "updateStrategy"],
  ["spec", "template"],
  ["spec", "selector"],
  ["spec", "strategy"],
  ["spec", "jobTemplate"],
  ["spec", "volumes"],
  ["spec", "schedule"],
  ["status", "phase"],
  ["status", "reason"],
  ["status", "replicas"],
  ["status", "readyReplicas"],
  ["status", "availableReplicas"],
  ["status", "updatedReplicas"],
  ["status", "observedGeneration"],
  ["status", "active"],
  ["status", "succeeded"],
  ["status", "failed"],
  ["metadata", "generation"],
  ["metadata", "deletionTimestamp"],
  ["metadata", "annotations"],
  ["metadata", "managedFields"],
];
const variation = fc
  .record({
    base: fc.constantFrom(...captured),
    kind: fc.option(fc.constantFrom(...knownGroupKinds), { nil: undefined }),
    fields: fc.array(fc.tuple(fc.constantFrom(...paths), value), { maxLength: 6 }),
    restartPolicy: fc.option(fc.constantFrom("Always", "OnFailure", "Never"), { nil: undefined }),
    containers: fc.option(fc.array(container, { maxLength: 3 }), { nil: undefined }),
    containerStatuses: fc.option(fc.array(container, { maxLength: 3 }), { nil: undefined }),
    conditions: fc.option(fc.array(condition, { maxLength: 4 }), { nil: undefined }),
  })
  .map(({ base, kind, fields, restartPolicy, containers, containerStatuses, conditions }) => {
    const object = structuredClone(base) as Record<string, Record<string, unknown>>;
    if (kind) {
      const [group = "", name = ""] = kind.split("/");
      Object.assign(object, { apiVersion: group ? `${group}/v1` : "v1", kind: name });
    }
    for (const [[section, key], random] of fields) object[section] = { ...object[section], [key]: random };
    if (restartPolicy) object.spec = { ...object.spec, restartPolicy };
    if (containers) object.spec = { ...object.spec, containers, initContainers: containers.slice(1) };
    if (containerStatuses) object.status = { ...object.status, containerStatuses, initContainerStatuses: containerStatuses.slice(1) };
    if (conditions) object.status = { ...object.status, conditions };
    return object as unknown as DomainObject;
  });

test("random variations of the fixtures get the same verdicts with and without the projection (fast-check)", () => {
  fc.assert(
    fc.property(variation, (object) => assertSame(object)),
    { numRuns: 500 },
  );
  // The run that found a Pod asked for ReplicaSet visibility, replayed.
  fc.assert(
    fc.property(variation, (object) => assertSame(object)),
    { seed: 995717812, numRuns: 500 },
  );
});

test("the projection is idempotent", () => {
  fc.assert(
    fc.property(variation, (object) => assert.deepEqual(projectWatched(project(object) as unknown as KubeObject), project(object))),
    { numRuns: 100 },
  );
});

test("what is dropped: managedFields, last-applied, a pod's volumes, container details and addresses, a workload's template", () => {
  const pod = fixture("pod-crashloop") as DomainObject;
  const withBulk = structuredClone({
    ...pod,
    metadata: {
      ...pod.metadata,
      managedFields: [{ manager: "kubectl" }],
      annotations: { "kubectl.kubernetes.io/last-applied-configuration": "{}", keep: "yes" },
    },
    spec: { ...pod.spec, volumes: [{ name: "v" }], tolerations: [{ key: "k" }] },
    status: { ...pod.status, podIP: "10.0.0.7", podIPs: [{ ip: "10.0.0.7" }], hostIP: "192.168.0.2", hostIPs: [{ ip: "192.168.0.2" }] },
  });
  const projected = project(withBulk);
  for (const address of ["podIP", "podIPs", "hostIP", "hostIPs"]) assert.equal(projected.status?.[address], undefined, `${address} dropped`);
  assert.ok(!JSON.stringify(projected).includes("10.0.0.7"), "no address left in what is stored either");
  assert.equal(projected.metadata?.managedFields, undefined);
  assert.deepEqual(projected.metadata?.annotations, { keep: "yes" });
  assert.equal(projected.spec?.volumes, undefined);
  assert.equal(projected.spec?.tolerations, undefined);
  assert.deepEqual(
    projected.spec?.containers,
    (pod.spec?.containers as { name: string; image: string }[]).map(({ name, image }) => ({ name, image })),
  );
  assert.deepEqual(projected.status?.phase, pod.status?.phase);
  const deployment = project(fixture("deployment-available") as DomainObject);
  assert.equal(deployment.spec?.template, undefined);
  assert.equal(deployment.spec?.replicas, (fixture("deployment-available") as DomainObject).spec?.replicas);
  assert.ok(JSON.stringify(project(fixture("secret") as DomainObject)).includes(REDACTED), "a Secret's values are redacted");
  // The captured fixtures have no managedFields already; their pods still lose a third or more.
  for (const name of ["pod-crashloop", "pod-running-ready"])
    assert.ok(JSON.stringify(project(fixture(name) as DomainObject)).length < JSON.stringify(fixture(name)).length * 0.7, `${name} kept too much`);
});

test("the projecting transport projects LIST items and watch events, and passes bookmarks and errors through", async () => {
  const pod = structuredClone(fixture("pod-crashloop")) as unknown as KubeObject;
  const bookmark = { metadata: { uid: "", name: "", resourceVersion: "7" } } as KubeObject;
  const transport = projectingTransport({
    list: async () => ({ items: [structuredClone(pod)], resourceVersion: "5" }),
    watch: async (_version, _signal, onEvent) => {
      onEvent("MODIFIED", structuredClone(pod));
      onEvent("BOOKMARK", bookmark);
    },
  });
  const listed = await transport.list(new AbortController().signal);
  assert.equal(listed.resourceVersion, "5");
  assert.deepEqual(listed.items, [projectWatched(structuredClone(pod))]);
  const events: [string, KubeObject][] = [];
  await transport.watch("5", new AbortController().signal, (type, object) => events.push([type, object]));
  assert.deepEqual(events, [
    ["MODIFIED", projectWatched(structuredClone(pod))],
    ["BOOKMARK", bookmark],
  ]);
  assert.equal(events[1]![1], bookmark);
});

test("two pods alike but for name and uid share their labels, owner references, spec and status (one frozen copy each)", () => {
  const pod = fixture("pod-running-ready") as DomainObject;
  const twin = (name: string, uid: string) => structuredClone({ ...pod, metadata: { ...pod.metadata, name, uid } });
  const [a, b] = [project(twin("web-1", "u-1")), project(twin("web-2", "u-2"))];
  assert.notEqual(a.metadata?.name, b.metadata?.name);
  assert.equal(a.status, b.status, "one status object");
  assert.equal(a.spec, b.spec, "one spec object");
  assert.equal(a.metadata?.labels, b.metadata?.labels);
  assert.equal(a.metadata?.ownerReferences, b.metadata?.ownerReferences);
  assert.ok(Object.isFrozen(a.status), "shared trees are frozen: a write into one would change the other pod");
  const failing = project(structuredClone({ ...pod, metadata: { ...pod.metadata, name: "web-3", uid: "u-3" }, status: { ...pod.status, phase: "Failed" } }));
  assert.notEqual(failing.status, a.status);
  assert.equal(failing.status?.phase, "Failed");
  assert.equal(projectWatched(a as unknown as KubeObject).status, a.status, "projecting a projection again keeps the shared tree");
});
