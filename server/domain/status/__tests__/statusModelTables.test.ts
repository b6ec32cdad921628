// Table tests for the rules issue 10 corrected against docs/status-model.md, in the style of
// kstatus' own: one row per case, the object as the API server returns it (a fixture, varied
// with the builders in __fixtures__/fixtureBuilders.ts), and the verdict the model asks for.
import { test } from "node:test";
import assert from "node:assert/strict";
import { buildFailureSummary } from "../../outcome/failureSummary";
import { fixture, patched, withCondition, withContainerState, withSpec, withStatus } from "../__fixtures__/fixtureBuilders";
import type { KubeObject } from "../kubeObject";
import type { DescendantStatus, StatusContext } from "../statusContext";
import { statusOf, verdictOf } from "./statusTestHelpers";

interface Row {
  readonly name: string;
  readonly object: KubeObject;
  readonly context?: Partial<StatusContext>;
  readonly expected: [string, string];
}

function table(title: string, rows: readonly Row[]): void {
  for (const row of rows) {
    test(`${title}: ${row.name} → ${row.expected[0]}, ${row.expected[1]}`, () => {
      assert.deepEqual(verdictOf(row.object, row.context), row.expected);
    });
  }
}

// 2. Deployment past its progress deadline.
const deadline = fixture("deployment-progress-deadline-exceeded");
table("Deployment progress deadline", [
  {
    name: "Progressing=False, ProgressDeadlineExceeded",
    object: deadline,
    expected: ["Error", 'ProgressDeadlineExceeded: ReplicaSet "crash-79bc58854f" has timed out progressing.'],
  },
  {
    name: "ProgressDeadlineExceeded without a message",
    object: withCondition(deadline, { type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded", message: "" }),
    expected: ["Error", "ProgressDeadlineExceeded"],
  },
]);

test("Deployment progress deadline: the reason reaches the failure summary", () => {
  const status = statusOf(deadline);
  const summary = buildFailureSummary(
    [{ key: "d", parentKey: null, kind: "Deployment", namespace: "kdeploy-fixtures", name: "crash", status: status.status, message: status.message }],
    {},
    { reason: "error" },
  );
  assert.match(summary.text, /Deployment kdeploy-fixtures\/crash: Error: ProgressDeadlineExceeded: ReplicaSet "crash-79bc58854f" has timed out progressing\./);
});

// 3. Suspended Jobs.
const running = fixture("job-running");
const suspendedCondition = { type: "Suspended", status: "True", reason: "JobSuspended", message: "Job suspended" };
table("Job suspend", [
  {
    name: "spec.suspend true before the controller reacted",
    object: withSpec(running, { suspend: true }),
    expected: ["Success", "Suspended; not waited for"],
  },
  {
    name: "spec.suspend true with Suspended=True",
    object: withStatus(withCondition(withSpec(running, { suspend: true }), suspendedCondition), { active: undefined }),
    expected: ["Success", "Suspended; not waited for"],
  },
  {
    name: "not waiting for Jobs",
    object: withSpec(running, { suspend: true }),
    context: { waitForJobs: false },
    expected: ["Success", "Created; not waiting for completion"],
  },
  {
    name: "a suspended Job that had already failed stays Error",
    object: withSpec(fixture("job-failed"), { suspend: true }),
    expected: ["Error", "BackoffLimitExceeded: Job has reached the specified backoff limit"],
  },
  { name: "resumed (suspend false)", object: withSpec(running, { suspend: false }), expected: ["InProgress", "active 1, succeeded 0, failed 0"] },
]);

// 4. PersistentVolume.
const volume = fixture("pv-available");
table("PersistentVolume", [
  { name: "Available", object: volume, expected: ["Success", "Available"] },
  { name: "Bound", object: withStatus(volume, { phase: "Bound" }), expected: ["Success", "Bound"] },
  { name: "Released", object: withStatus(volume, { phase: "Released" }), expected: ["Success", "Released"] },
  {
    name: "Failed, with status.message",
    object: withStatus(volume, { phase: "Failed", message: "host_path deleter only supports /tmp/.+ but received provided /mnt/disk" }),
    expected: ["Error", "Failed: host_path deleter only supports /tmp/.+ but received provided /mnt/disk"],
  },
  { name: "Failed, no message", object: withStatus(volume, { phase: "Failed" }), expected: ["Error", "Failed"] },
  { name: "Pending", object: withStatus(volume, { phase: "Pending" }), expected: ["InProgress", "Pending: waiting for the volume controller"] },
  { name: "no phase", object: withStatus(volume, { phase: undefined }), expected: ["InProgress", "Phase not reported yet"] },
]);

// 5. APIService.
const apiService = fixture("apiservice-service-not-found");
table("APIService", [
  {
    name: "Available=True",
    object: withCondition(apiService, { type: "Available", status: "True", reason: "Passed", message: "all checks passed" }),
    expected: ["Success", "Available"],
  },
  {
    name: "Available=False, ServiceNotFound (captured)",
    object: apiService,
    expected: ["InProgress", 'ServiceNotFound: service/metrics-server in "metrics-example" is not present'],
  },
  {
    name: "Available=False, MissingEndpoints",
    object: withCondition(apiService, {
      type: "Available",
      status: "False",
      reason: "MissingEndpoints",
      message: 'endpoints for service/metrics-server in "metrics-example" have no addresses with port name "https"',
    }),
    expected: ["InProgress", 'MissingEndpoints: endpoints for service/metrics-server in "metrics-example" have no addresses with port name "https"'],
  },
  {
    name: "Available=Unknown, FailedDiscoveryCheck",
    object: withCondition(apiService, {
      type: "Available",
      status: "Unknown",
      reason: "FailedDiscoveryCheck",
      message: "failing or missing response from https://10.0.0.12:443/apis/metrics.example.test/v1beta1",
    }),
    expected: ["InProgress", "FailedDiscoveryCheck: failing or missing response from https://10.0.0.12:443/apis/metrics.example.test/v1beta1"],
  },
]);

// 6. status.health in Argo CD's vocabulary, and statuses without conditions.
const application = fixture("argocd-application-degraded");
const health = (status: string, message?: string) => withStatus(application, { health: { status, message } });
table("status.health (Argo CD)", [
  { name: "Degraded (fixture)", object: application, expected: ["Error", 'Degraded: Deployment "web" exceeded its progress deadline'] },
  { name: "Healthy", object: health("Healthy"), expected: ["Success", "Healthy"] },
  { name: "Suspended", object: health("Suspended", "CronJob is suspended"), expected: ["Success", "Suspended: CronJob is suspended"] },
  {
    name: "Progressing",
    object: health("Progressing", "Waiting for rollout to finish"),
    expected: ["InProgress", "Progressing: Waiting for rollout to finish"],
  },
  { name: "Missing", object: health("Missing"), expected: ["InProgress", "Missing"] },
  { name: "Unknown", object: health("Unknown"), expected: ["InProgress", "Unknown"] },
  { name: "a word outside the vocabulary", object: health("Splendid"), expected: ["Success", "Status has no conditions"] },
  {
    name: "a Ready condition decides before status.health",
    object: withCondition(health("Degraded"), { type: "Ready", status: "True", message: "" }),
    expected: ["Success", "Ready"],
  },
]);

const widget = fixture("custom-resource-not-ready");
table("status without conditions", [
  {
    name: "no status at all",
    object: withStatus(widget, { conditions: undefined, observedGeneration: undefined }),
    expected: ["Success", "No status reported"],
  },
  { name: "empty status", object: patched(widget, { status: undefined }), expected: ["Success", "No status reported"] },
  { name: "a phase", object: withStatus(widget, { conditions: undefined, phase: "Running" }), expected: ["Success", "Phase Running"] },
  { name: "fields but no conditions", object: withStatus(widget, { conditions: undefined }), expected: ["Success", "Status has no conditions"] },
  { name: "an empty conditions list", object: withStatus(widget, { conditions: [] }), expected: ["Success", "Status has no conditions"] },
]);

// 7. autoscaling/v1 HPA: conditions live in an annotation.
const hpaV1 = fixture("hpa-v1-unable-to-scale");
const scalingActiveFalse =
  "ScalingActive is False: FailedGetResourceMetric: the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)";
const conditionsAnnotation = "autoscaling.alpha.kubernetes.io/conditions";
table("HorizontalPodAutoscaler", [
  { name: "autoscaling/v1, ScalingActive=False in the annotation (captured)", object: hpaV1, expected: ["Success", scalingActiveFalse] },
  {
    name: "autoscaling/v2, ScalingActive=False in status.conditions (captured)",
    object: fixture("hpa-unable-to-scale"),
    expected: ["Success", scalingActiveFalse],
  },
  {
    name: "autoscaling/v1, AbleToScale=False",
    object: patched(hpaV1, {
      metadata: {
        annotations: {
          [conditionsAnnotation]: JSON.stringify([
            { type: "AbleToScale", status: "False", reason: "FailedGetScale", message: 'deployments/scale.apps "web" not found' },
          ]),
        },
      },
    }),
    expected: ["Success", 'AbleToScale is False: FailedGetScale: deployments/scale.apps "web" not found'],
  },
  {
    name: "autoscaling/v1, healthy conditions",
    object: patched(hpaV1, {
      metadata: { annotations: { [conditionsAnnotation]: JSON.stringify([{ type: "ScalingActive", status: "True", reason: "ValidMetricFound" }]) } },
    }),
    expected: ["Success", "Exists"],
  },
  {
    name: "autoscaling/v1, malformed annotation",
    object: patched(hpaV1, { metadata: { annotations: { [conditionsAnnotation]: "[{not json" } } }),
    expected: ["Success", "Exists"],
  },
  {
    name: "autoscaling/v1, annotation not a list",
    object: patched(hpaV1, { metadata: { annotations: { [conditionsAnnotation]: '{"type":"x"}' } } }),
    expected: ["Success", "Exists"],
  },
]);

// 8. Job pods crash-looping with restartPolicy OnFailure: the kubelet's back-off text is reduced.
function jobPod(name: string, delay: string): KubeObject {
  const pod = patched(fixture("pod-crashloop"), { metadata: { name }, spec: { restartPolicy: "OnFailure" } });
  return withContainerState(
    pod,
    {
      waiting: {
        reason: "CrashLoopBackOff",
        message: `back-off ${delay} restarting failed container=app pod=${name}_batch(3f0c2a9e-6d1b-4c55-9b7e-1d2e3f4a5b6c)`,
      },
    },
    { restartCount: 3, lastState: { terminated: { exitCode: 1, reason: "Error" } } },
  );
}
const stableMessage = "CrashLoopBackOff: back-off restarting failed container app (last exit: Error (exit code 1))";
table("OnFailure back-off", [
  { name: "pod at back-off 20s", object: jobPod("pi-x7k2p", "20s"), expected: ["InProgress", stableMessage] },
  { name: "same pod at back-off 40s", object: jobPod("pi-x7k2p", "40s"), expected: ["InProgress", stableMessage] },
  { name: "a sibling at back-off 5m0s", object: jobPod("pi-q9w4z", "5m0s"), expected: ["InProgress", stableMessage] },
  {
    name: "an older kubelet's 'Back-off 10s ...'",
    object: withContainerState(jobPod("pi-x7k2p", "10s"), {
      waiting: { reason: "CrashLoopBackOff", message: "Back-off 10s restarting failed container=app pod=pi-x7k2p_batch(3f0c)" },
    }),
    expected: ["InProgress", stableMessage],
  },
]);

const jobPods: DescendantStatus[] = ["pi-x7k2p", "pi-q9w4z"].map((name, index) => ({
  kind: "Pod",
  name,
  ...statusOf(jobPod(name, index === 0 ? "20s" : "40s")),
}));
// A cause carrying the raw text (as a row computed before this fix would) is reduced as well.
const rawCause: DescendantStatus[] = [
  {
    kind: "Pod",
    name: "pi-x7k2p",
    status: "InProgress",
    cause: { reason: "CrashLoopBackOff", detail: "back-off 40s restarting failed container=app pod=pi-x7k2p_batch(3f0c)" },
  },
];
table("OnFailure back-off, parents", [
  {
    name: "a Job summarising its crash-looping pods",
    object: running,
    context: { descendants: jobPods },
    expected: ["InProgress", "2 pods CrashLoopBackOff: back-off restarting failed container app"],
  },
  {
    name: "a Job whose pod's cause holds the raw text",
    object: running,
    context: { descendants: rawCause },
    expected: ["InProgress", "1 pod CrashLoopBackOff: back-off restarting failed container app"],
  },
]);

// 9. LoadBalancer Services: an ingress entry is an address only with an ip or a hostname.
const loadBalancer = fixture("service-loadbalancer-pending");
const lbIngress = (...ingress: object[]) => withStatus(loadBalancer, { loadBalancer: { ingress } });
table("LoadBalancer address", [
  { name: "no ingress entry (captured)", object: loadBalancer, expected: ["Success", "Waiting for an external address"] },
  { name: "an empty entry", object: lbIngress({}), expected: ["Success", "Waiting for an external address"] },
  {
    name: "an entry with only ipMode and ports",
    object: lbIngress({ ipMode: "VIP", ports: [{ port: 80, protocol: "TCP" }] }),
    expected: ["Success", "Waiting for an external address"],
  },
  { name: "empty ip and hostname", object: lbIngress({ ip: "", hostname: "" }), expected: ["Success", "Waiting for an external address"] },
  { name: "a blank ip", object: lbIngress({ ip: " " }), expected: ["Success", "Waiting for an external address"] },
  { name: "an ip", object: lbIngress({ ip: "203.0.113.10" }), expected: ["Success", "External address 203.0.113.10"] },
  {
    name: "a hostname next to an empty ip",
    object: lbIngress({ ip: "", hostname: "lb.example.test" }),
    expected: ["Success", "External address lb.example.test"],
  },
]);

// Found by the property tests: an empty string where a reason or phase is expected must not
// leave a row without a message.
table("empty strings", [
  {
    name: "a Pod with phase ''",
    object: withStatus(fixture("pod-unschedulable"), { phase: "", conditions: [] }),
    expected: ["InProgress", "Phase not reported yet"],
  },
  {
    name: "a Job Failed=True with reason '' and no message",
    object: withCondition(running, { type: "Failed", status: "True", reason: "", message: "" }),
    expected: ["Error", "Failed"],
  },
]);

// 10. Counts read as arithmetic: above the target (surge pods in a rolling update, the pods of a
// scale-down not gone yet) a count is never "2 of 1"; a pod not started yet counts its spec's
// containers ("ready 0/1", not "ready 0/0").
interface SummaryRow {
  readonly name: string;
  readonly object: KubeObject;
  readonly expected: { readonly status: string; readonly message: string; readonly summary: string };
}

function summaryTable(title: string, rows: readonly SummaryRow[]): void {
  for (const row of rows) {
    test(`${title}: ${row.name} → ${row.expected.message} (${row.expected.summary})`, () => {
      const { status, message, summary } = statusOf(row.object);
      assert.deepEqual({ status, message, summary }, row.expected);
    });
  }
}

const deploymentAvailable = fixture("deployment-available");
const replicaSetAvailable = fixture("replicaset-available");
summaryTable("counts above the target", [
  {
    name: "a Deployment of 1 with a surge pod available (maxSurge)",
    object: withStatus(withSpec(deploymentAvailable, { replicas: 1 }), { replicas: 2, updatedReplicas: 1, readyReplicas: 2, availableReplicas: 2 }),
    expected: {
      status: "InProgress",
      message: "1 old replica pending termination",
      summary: "ready 2 (1 desired), updated 1/1, available 2 (1 desired)",
    },
  },
  {
    name: "a Deployment of 2, all updated and available",
    object: deploymentAvailable,
    expected: { status: "Success", message: "2 replicas updated and available", summary: "ready 2/2, updated 2/2, available 2/2" },
  },
  {
    name: "an old ReplicaSet scaled from 2 to 1 while its second pod terminates",
    object: withSpec(replicaSetAvailable, { replicas: 1 }),
    expected: { status: "Success", message: "2 available, scaling down to 1", summary: "ready 2 (1 desired), available 2 (1 desired)" },
  },
  {
    name: "a ReplicaSet below its target",
    object: withStatus(replicaSetAvailable, { availableReplicas: 1, readyReplicas: 1 }),
    expected: { status: "InProgress", message: "1 of 2 available", summary: "ready 1/2, available 1/2" },
  },
  {
    name: "a DaemonSet with a pod left on a node that no longer qualifies",
    object: withStatus(fixture("daemonset-ready"), { desiredNumberScheduled: 2, updatedNumberScheduled: 2 }),
    expected: {
      status: "Success",
      message: "3 available, scaling down to 2",
      summary: "desired 2, updated 2/2, ready 3 (2 desired), available 3 (2 desired)",
    },
  },
  {
    name: "a StatefulSet scaling down from 2 to 1",
    object: withStatus(withSpec(fixture("statefulset-ready"), { replicas: 1 }), { replicas: 2, readyReplicas: 2, updatedReplicas: 2 }),
    expected: { status: "InProgress", message: "Scaling down: 2 replicas, 1 desired", summary: "ready 2 (1 desired), updated 2 (1 desired)" },
  },
]);

summaryTable("a Pod without container statuses yet", [
  {
    name: "Pending, unschedulable, one container in the spec",
    object: fixture("pod-unschedulable"),
    expected: {
      status: "InProgress",
      message:
        "Unschedulable: 0/3 nodes are available: 3 Insufficient cpu. no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
      summary: "ready 0/1, restarts 0",
    },
  },
  {
    name: "Pending, just scheduled, two containers in the spec",
    object: patched(withStatus(fixture("pod-unschedulable"), { conditions: [] }), {
      spec: {
        containers: [
          { name: "app", image: "nginx" },
          { name: "sidecar", image: "busybox" },
        ],
      },
    }),
    expected: { status: "InProgress", message: "Pending", summary: "ready 0/2, restarts 0" },
  },
]);

// Wording review (issue 11, 7): the controller's reason word leads its sentence; counts agree
// with their nouns.
const endpointSlice = fixture("endpointslice");
const [firstEndpoint] = endpointSlice.endpoints as Record<string, unknown>[];
table("wording: reason words and plurals", [
  {
    name: "an unschedulable pod names the scheduler's reason before its sentence",
    object: fixture("pod-unschedulable"),
    expected: [
      "InProgress",
      "Unschedulable: 0/3 nodes are available: 3 Insufficient cpu. no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    ],
  },
  {
    name: "an unschedulable pod without the scheduler's message",
    object: withCondition(fixture("pod-unschedulable"), { type: "PodScheduled", status: "False", reason: "Unschedulable", message: "" }),
    expected: ["InProgress", "Unschedulable"],
  },
  {
    name: "an EndpointSlice with one endpoint",
    object: patched(endpointSlice, { endpoints: [firstEndpoint] }),
    expected: ["Success", "1 of 1 endpoint ready"],
  },
  { name: "an EndpointSlice with no endpoints", object: patched(endpointSlice, { endpoints: [] }), expected: ["Success", "No endpoints"] },
  {
    name: "a Job past its backoff limit keeps BackoffLimitExceeded next to its sentence",
    object: fixture("job-failed"),
    expected: ["Error", "BackoffLimitExceeded: Job has reached the specified backoff limit"],
  },
]);
