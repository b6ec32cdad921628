// Synthetic Deployments, ReplicaSets and pods shaped like what the API server sends (managedFields,
// service-account volume, conditions), so memory and parse costs are realistic. Objects are built
// on demand and never kept here, so they do not count in the measured baseline.
import type { KubeObject } from "../../server/kube/watch-stream.ts";

export const NAMESPACE = "bench";
const TIME = "2026-01-01T00:00:00Z";

const managedFields = (manager: string) => [
  {
    manager,
    operation: "Update",
    apiVersion: "v1",
    time: TIME,
    fieldsType: "FieldsV1",
    fieldsV1: {
      "f:metadata": { "f:labels": { ".": {}, "f:app": {}, "f:pod-template-hash": {} } },
      "f:spec": { "f:containers": { 'k:{"name":"app"}': { ".": {}, "f:image": {}, "f:name": {} } } },
    },
  },
  {
    manager: "kwok",
    operation: "Update",
    apiVersion: "v1",
    subresource: "status",
    time: TIME,
    fieldsType: "FieldsV1",
    fieldsV1: { "f:status": { "f:conditions": {}, "f:containerStatuses": {}, "f:phase": {}, "f:podIP": {}, "f:startTime": {} } },
  },
];

export const deploymentUid = (d: number) => `dep-${d}`;
export const replicaSetUid = (d: number) => `rs-${d}`;
export const podUid = (d: number, p: number) => `pod-${d}-${p}`;

/** `rollingOut`: one replica not available yet, so the Deployment (and its ReplicaSet) stay InProgress and summarise their pods. */
export function deployment(d: number, replicas: number, rollingOut = false): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: {
      uid: deploymentUid(d),
      name: `app-${d}`,
      namespace: NAMESPACE,
      resourceVersion: "10",
      generation: 1,
      creationTimestamp: TIME,
      annotations: { "deployment.kubernetes.io/revision": "1" },
      managedFields: managedFields("kdeploy"),
    },
    spec: {
      replicas,
      selector: { matchLabels: { app: `app-${d}` } },
      template: { metadata: { labels: { app: `app-${d}` } }, spec: { containers: [{ name: "app", image: "registry.example/app:1.0.0" }] } },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } },
      progressDeadlineSeconds: 600,
    },
    status: {
      observedGeneration: 1,
      replicas,
      updatedReplicas: replicas,
      readyReplicas: rollingOut ? replicas - 1 : replicas,
      availableReplicas: rollingOut ? replicas - 1 : replicas,
      conditions: [
        { type: "Available", status: "True", reason: "MinimumReplicasAvailable", lastUpdateTime: TIME, lastTransitionTime: TIME },
        { type: "Progressing", status: "True", reason: "NewReplicaSetAvailable", lastUpdateTime: TIME, lastTransitionTime: TIME },
      ],
    },
  };
}

export function replicaSet(d: number, replicas: number, rollingOut = false): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: {
      uid: replicaSetUid(d),
      name: `app-${d}-5d8f7b9c4`,
      namespace: NAMESPACE,
      resourceVersion: "11",
      generation: 1,
      creationTimestamp: TIME,
      labels: { app: `app-${d}`, "pod-template-hash": "5d8f7b9c4" },
      annotations: { "deployment.kubernetes.io/revision": "1", "deployment.kubernetes.io/desired-replicas": String(replicas) },
      ownerReferences: [{ apiVersion: "apps/v1", kind: "Deployment", name: `app-${d}`, uid: deploymentUid(d), controller: true, blockOwnerDeletion: true }],
      managedFields: managedFields("kube-controller-manager"),
    },
    spec: { replicas, selector: { matchLabels: { app: `app-${d}`, "pod-template-hash": "5d8f7b9c4" } } },
    status: {
      observedGeneration: 1,
      replicas,
      fullyLabeledReplicas: replicas,
      readyReplicas: rollingOut ? replicas - 1 : replicas,
      availableReplicas: rollingOut ? replicas - 1 : replicas,
    },
  };
}

export function pod(d: number, p: number, ready: boolean, resourceVersion: string): KubeObject {
  const readyStatus = ready ? "True" : "False";
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      uid: podUid(d, p),
      name: `app-${d}-5d8f7b9c4-${p}x7kq`,
      generateName: `app-${d}-5d8f7b9c4-`,
      namespace: NAMESPACE,
      resourceVersion,
      creationTimestamp: TIME,
      labels: { app: `app-${d}`, "pod-template-hash": "5d8f7b9c4" },
      ownerReferences: [
        { apiVersion: "apps/v1", kind: "ReplicaSet", name: `app-${d}-5d8f7b9c4`, uid: replicaSetUid(d), controller: true, blockOwnerDeletion: true },
      ],
      managedFields: managedFields("kube-controller-manager"),
    },
    spec: {
      containers: [
        {
          name: "app",
          image: "registry.example/app:1.0.0",
          resources: {},
          terminationMessagePath: "/dev/termination-log",
          terminationMessagePolicy: "File",
          imagePullPolicy: "IfNotPresent",
          volumeMounts: [{ name: "kube-api-access-abcde", readOnly: true, mountPath: "/var/run/secrets/kubernetes.io/serviceaccount" }],
        },
      ],
      restartPolicy: "Always",
      terminationGracePeriodSeconds: 30,
      dnsPolicy: "ClusterFirst",
      serviceAccountName: "default",
      nodeName: "kwok-node-1",
      schedulerName: "default-scheduler",
      tolerations: [{ key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 }],
      volumes: [
        {
          name: "kube-api-access-abcde",
          projected: {
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
              { configMap: { name: "kube-root-ca.crt", items: [{ key: "ca.crt", path: "ca.crt" }] } },
            ],
            defaultMode: 420,
          },
        },
      ],
    },
    status: {
      phase: "Running",
      conditions: [
        { type: "Initialized", status: "True", lastTransitionTime: TIME },
        { type: "Ready", status: readyStatus, lastTransitionTime: TIME },
        { type: "ContainersReady", status: readyStatus, lastTransitionTime: TIME },
        { type: "PodScheduled", status: "True", lastTransitionTime: TIME },
      ],
      podIP: "10.0.0.12",
      startTime: TIME,
      containerStatuses: [
        { name: "app", ready, restartCount: 0, image: "registry.example/app:1.0.0", imageID: "", started: true, state: { running: { startedAt: TIME } } },
      ],
    },
  };
}
