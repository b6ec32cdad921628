// Property-based tests (fast-check): whatever JSON the API server, a proxy or a bug hands the
// rules, computeObjectStatus never throws and always answers one of its statuses with a message.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { computeObjectStatus, knownGroupKinds } from "../computeObjectStatus";
import type { KubeObject } from "../kubeObject";
import type { DescendantStatus, StatusContext } from "../statusContext";

const numRuns = 200;
const statuses = new Set(["InProgress", "Success", "Error"]);

// Every known kind, with the apiVersions it is served as (and a few it is not), plus custom kinds.
const apiVersionKinds = fc.oneof(
  fc.constantFrom(...knownGroupKinds).chain((groupKind) => {
    const [group = "", kind = ""] = groupKind.split("/");
    return fc.record({
      apiVersion: fc.constantFrom(...(group === "" ? ["v1"] : [`${group}/v1`, `${group}/v2`, `${group}/v1beta1`])),
      kind: fc.constant(kind),
    });
  }),
  fc.record({ apiVersion: fc.constantFrom("argoproj.io/v1alpha1", "example.kdeploy.dev/v1", "v1", "", "a/b/c"), kind: fc.string({ maxLength: 12 }) }),
);

const word = fc.oneof(
  fc.constantFrom("True", "False", "Unknown", "Ready", "Stalled", "Reconciling", "Available", "Progressing", "ProgressDeadlineExceeded"),
  fc.constantFrom("Established", "NamesAccepted", "Failed", "FailureTarget", "Complete", "SuccessCriteriaMet", "Suspended", "ReplicaFailure"),
  fc.constantFrom("ScalingActive", "AbleToScale", "PodScheduled", "Unschedulable", "CrashLoopBackOff", "ErrImagePull", "OOMKilled"),
  fc.constantFrom("Running", "Pending", "Succeeded", "Bound", "Lost", "Released", "Active", "Healthy", "Degraded", "Missing", "OnDelete"),
  fc.string({ maxLength: 10 }),
);
const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 2 }), word, fc.integer({ min: -3, max: 5 }), fc.constant(undefined));
const condition = fc.oneof(
  fc.record(
    { type: word, status: word, reason: fc.option(word, { nil: undefined }), message: fc.option(fc.string(), { nil: undefined }) },
    { requiredKeys: ["type", "status"] },
  ),
  anyValue,
);
const conditions = fc.oneof({ weight: 3, arbitrary: fc.array(condition, { maxLength: 4 }) }, { weight: 1, arbitrary: anyValue });
const containerStatus = fc.record(
  {
    name: anyValue,
    ready: fc.oneof(fc.boolean(), anyValue),
    restartCount: anyValue,
    state: fc.oneof(
      fc.record({
        waiting: fc.record(
          { reason: word, message: fc.oneof(fc.string(), fc.constant("back-off 40s restarting failed container=main pod=x_y(z)")) },
          { requiredKeys: [] },
        ),
      }),
      fc.record({ terminated: fc.record({ reason: anyValue, exitCode: anyValue, message: anyValue }, { requiredKeys: [] }) }),
      anyValue,
    ),
    lastState: fc.oneof(fc.record({ terminated: fc.record({ reason: anyValue, exitCode: anyValue }, { requiredKeys: [] }) }), anyValue),
  },
  { requiredKeys: [] },
);
const counters = ["replicas", "updatedReplicas", "readyReplicas", "availableReplicas", "observedGeneration", "desiredNumberScheduled"];
const status = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record(
      {
        conditions,
        phase: fc.oneof({ weight: 3, arbitrary: word }, { weight: 1, arbitrary: anyValue }),
        observedGeneration: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 4 }) }, { weight: 1, arbitrary: anyValue }),
        ...Object.fromEntries(counters.map((name) => [name, fc.oneof(fc.integer({ min: 0, max: 4 }), anyValue)])),
        updatedNumberScheduled: anyValue,
        numberAvailable: anyValue,
        containerStatuses: fc.oneof(fc.array(containerStatus, { maxLength: 3 }), anyValue),
        initContainerStatuses: fc.oneof(fc.array(containerStatus, { maxLength: 2 }), anyValue),
        loadBalancer: fc.oneof(
          fc.record({ ingress: fc.oneof(fc.array(fc.record({ ip: anyValue, hostname: anyValue }, { requiredKeys: [] })), anyValue) }),
          anyValue,
        ),
        health: fc.oneof(fc.record({ status: word, message: anyValue }, { requiredKeys: [] }), anyValue),
        message: anyValue,
        currentRevision: anyValue,
        updateRevision: anyValue,
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: anyValue },
);
const spec = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record(
      {
        replicas: fc.oneof(fc.integer({ min: 0, max: 4 }), anyValue),
        paused: anyValue,
        suspend: fc.oneof(fc.boolean(), anyValue),
        restartPolicy: fc.oneof(fc.constantFrom("Always", "OnFailure", "Never"), anyValue),
        type: fc.oneof(fc.constantFrom("ClusterIP", "LoadBalancer", "ExternalName"), anyValue),
        updateStrategy: anyValue,
        storageClassName: anyValue,
        rules: anyValue,
        completions: anyValue,
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: anyValue },
);
const annotations = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record(
      {
        "autoscaling.alpha.kubernetes.io/conditions": fc.oneof(
          fc.string(),
          conditions.map((value) => JSON.stringify(value) ?? ""),
        ),
        "deployment.kubernetes.io/revision": anyValue,
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: anyValue },
);
const metadata = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record(
      {
        name: anyValue,
        namespace: anyValue,
        uid: anyValue,
        generation: fc.oneof(fc.integer({ min: 0, max: 4 }), anyValue),
        deletionTimestamp: fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: anyValue }),
        annotations,
        ownerReferences: anyValue,
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: anyValue },
);
const objectBody = fc.record({ metadata, spec, status, data: anyValue, stringData: anyValue, endpoints: anyValue, type: anyValue }, { requiredKeys: [] });
const kubeObject = fc.tuple(apiVersionKinds, objectBody).map(([identity, rest]) => ({ ...identity, ...rest }) as unknown as KubeObject);

const descendant: fc.Arbitrary<DescendantStatus> = fc.record(
  {
    kind: fc.constantFrom("Pod", "Job", "ReplicaSet", "X"),
    name: fc.string({ maxLength: 8 }),
    status: fc.constantFrom("InProgress", "Success", "Error", "TimedOut" as const),
    cause: fc.record({ reason: word, detail: fc.oneof(fc.string(), fc.constant("back-off 5m0s restarting failed container=a pod=b_c(d)")) }),
  },
  { requiredKeys: ["kind", "name", "status"] },
);
const context: fc.Arbitrary<StatusContext> = fc.record(
  {
    waitForJobs: fc.boolean(),
    descendants: fc.array(descendant, { maxLength: 4 }),
    endpointSlices: fc.array(kubeObject, { maxLength: 2 }),
    storageClassBindingMode: fc.constantFrom(
      () => "WaitForFirstConsumer" as const,
      () => "Immediate" as const,
      () => undefined,
    ),
  },
  { requiredKeys: ["waitForJobs"] },
);

function assertWellFormed(result: ReturnType<typeof computeObjectStatus>): void {
  assert.ok(statuses.has(result.status), `status ${String(result.status)}`);
  assert.equal(typeof result.message, "string");
  assert.ok(result.message.length > 0, "a row always says why");
  assert.equal(typeof result.summary, "string");
}

for (const groupKind of [...knownGroupKinds, "argoproj.io/Application"]) {
  const [group = "", kind = ""] = groupKind.split("/");
  test(`property: a ${kind} shaped like the API's but with arbitrary values gets a status and a message`, () => {
    const objects = objectBody.map((body) => ({ apiVersion: group === "" ? "v1" : `${group}/v1`, kind, ...body }) as unknown as KubeObject);
    fc.assert(
      fc.property(objects, context, (object, statusContext) => assertWellFormed(computeObjectStatus(object, statusContext))),
      { numRuns: numRuns / 2 },
    );
  });
}

test("property: any kind, shaped like the API's objects but with arbitrary values, gets a status and a message", () => {
  fc.assert(
    fc.property(kubeObject, context, (object, statusContext) => assertWellFormed(computeObjectStatus(object, statusContext))),
    { numRuns },
  );
});

test("property: any JSON value at all, in place of an object, gets a status and a message", () => {
  fc.assert(
    fc.property(fc.jsonValue({ maxDepth: 3 }), context, (value, statusContext) => assertWellFormed(computeObjectStatus(value as KubeObject, statusContext))),
    { numRuns },
  );
});

test("property: the kubelet's back-off delay and pod name never reach a pod's message", () => {
  fc.assert(
    fc.property(
      fc.constantFrom("Always", "OnFailure", "Never"),
      fc.constantFrom("10s", "20s", "40s", "1m20s", "2m40s", "5m0s"),
      fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
      (restartPolicy, delay, pod) => {
        const object: KubeObject = {
          apiVersion: "v1",
          kind: "Pod",
          metadata: { name: pod },
          spec: { restartPolicy },
          status: {
            phase: "Running",
            containerStatuses: [
              {
                name: "main",
                ready: false,
                restartCount: 4,
                state: { waiting: { reason: "CrashLoopBackOff", message: `back-off ${delay} restarting failed container=main pod=${pod}_batch(uid)` } },
              },
            ],
          },
        };
        const { message, cause } = computeObjectStatus(object, { waitForJobs: true });
        assert.equal(message, "CrashLoopBackOff: back-off restarting failed container main");
        assert.equal(cause?.detail, "back-off restarting failed container main");
      },
    ),
    { numRuns },
  );
});
