// Identifies a watchable resource type and builds its API paths.
export type ResourceType = { group: string; version: string; plural: string; kind: string; namespaced: boolean };

export const apiVersionOf = (resource: ResourceType) => (resource.group ? `${resource.group}/${resource.version}` : resource.version);

export function collectionPath(resource: ResourceType, namespace: string | undefined): string {
  const base = resource.group ? `/apis/${resource.group}/${resource.version}` : `/api/${resource.version}`;
  return resource.namespaced && namespace ? `${base}/namespaces/${namespace}/${resource.plural}` : `${base}/${resource.plural}`;
}

/** The child kinds the tracker watches, with their fixed resource names. */
export const CHILD_RESOURCES = {
  Pod: { group: "", version: "v1", plural: "pods", kind: "Pod", namespaced: true },
  ReplicaSet: { group: "apps", version: "v1", plural: "replicasets", kind: "ReplicaSet", namespaced: true },
  Job: { group: "batch", version: "v1", plural: "jobs", kind: "Job", namespaced: true },
  EndpointSlice: { group: "discovery.k8s.io", version: "v1", plural: "endpointslices", kind: "EndpointSlice", namespaced: true },
  Event: { group: "", version: "v1", plural: "events", kind: "Event", namespaced: true },
} satisfies Record<string, ResourceType>;
