// Which resource types (and namespaces) a step must watch to see its objects and their children.
import { CHILD_RESOURCES, type ResourceType } from "../kube/resources.ts";

export type TrackedTopLevel = {
  key: string;
  uid: string;
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  resource: ResourceType;
  live?: Record<string, unknown>;
};

const STORAGE_CLASS: ResourceType = { group: "storage.k8s.io", version: "v1", plural: "storageclasses", kind: "StorageClass", namespaced: false };

/** Child resource types per top-level kind ("group/Kind"). */
const CHILD_TYPES: Record<string, ResourceType[]> = {
  "apps/Deployment": [CHILD_RESOURCES.ReplicaSet, CHILD_RESOURCES.Pod],
  "apps/ReplicaSet": [CHILD_RESOURCES.Pod],
  "apps/StatefulSet": [CHILD_RESOURCES.Pod],
  "apps/DaemonSet": [CHILD_RESOURCES.Pod],
  "batch/Job": [CHILD_RESOURCES.Pod],
  "batch/CronJob": [CHILD_RESOURCES.Job, CHILD_RESOURCES.Pod],
  "/Service": [CHILD_RESOURCES.EndpointSlice],
  "/PersistentVolumeClaim": [STORAGE_CLASS],
};

export type PlannedWatch = { resource: ResourceType; namespace: string | undefined };

export const resourceKey = (resource: ResourceType) => `${resource.group}/${resource.version}/${resource.plural}`;
export const watchKey = (watch: PlannedWatch) => `${resourceKey(watch.resource)}|${watch.resource.namespaced ? (watch.namespace ?? "*") : "-"}`;

export function planWatches(objects: readonly TrackedTopLevel[]): PlannedWatch[] {
  const planned = new Map<string, PlannedWatch>();
  const add = (resource: ResourceType, namespace: string | undefined) => {
    const watch = { resource, namespace: resource.namespaced ? namespace : undefined };
    planned.set(watchKey(watch), watch);
  };
  for (const object of objects) {
    add(object.resource, object.namespace);
    for (const child of CHILD_TYPES[`${object.resource.group}/${object.kind}`] ?? []) add(child, object.namespace);
  }
  return [...planned.values()];
}

export { STORAGE_CLASS };
