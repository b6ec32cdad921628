import { groupOf, type KubeObject } from "../kubeObject";

/** How the tracker finds an object's children: by owner uid, or (EndpointSlices) by a label. */
export type ChildLinkVia = "ownerReference" | "serviceNameLabel";

export interface ChildLink {
  readonly parentGroup: string;
  readonly parentKind: string;
  /** The resource the tracker must watch to see the children. */
  readonly childApiVersion: string;
  readonly childKind: string;
  readonly via: ChildLinkVia;
}

export const serviceNameLabel = "kubernetes.io/service-name";

export const childLinks: readonly ChildLink[] = [
  { parentGroup: "apps", parentKind: "Deployment", childApiVersion: "apps/v1", childKind: "ReplicaSet", via: "ownerReference" },
  { parentGroup: "apps", parentKind: "ReplicaSet", childApiVersion: "v1", childKind: "Pod", via: "ownerReference" },
  { parentGroup: "apps", parentKind: "StatefulSet", childApiVersion: "v1", childKind: "Pod", via: "ownerReference" },
  { parentGroup: "apps", parentKind: "DaemonSet", childApiVersion: "v1", childKind: "Pod", via: "ownerReference" },
  { parentGroup: "batch", parentKind: "Job", childApiVersion: "v1", childKind: "Pod", via: "ownerReference" },
  { parentGroup: "batch", parentKind: "CronJob", childApiVersion: "batch/v1", childKind: "Job", via: "ownerReference" },
  { parentGroup: "", parentKind: "Service", childApiVersion: "discovery.k8s.io/v1", childKind: "EndpointSlice", via: "serviceNameLabel" },
];

export function childLinksOf(parent: Pick<KubeObject, "apiVersion" | "kind">): readonly ChildLink[] {
  const group = groupOf(parent.apiVersion);
  return childLinks.filter((link) => link.parentGroup === group && link.parentKind === parent.kind);
}

/**
 * The uid of the object that controls `child`, which is how children are indexed. The controller
 * reference is preferred; a lone owner reference is accepted because some tools omit the flag.
 */
export function ownerUidOf(child: KubeObject): string | undefined {
  const references = child.metadata?.ownerReferences ?? [];
  return (references.find((reference) => reference.controller === true) ?? (references.length === 1 ? references[0] : undefined))?.uid;
}

export function isChildOf(child: KubeObject, parent: KubeObject): boolean {
  return childLinksOf(parent).some((link) => {
    if (link.childKind !== child.kind || groupOf(link.childApiVersion) !== groupOf(child.apiVersion)) return false;
    if (link.via === "serviceNameLabel") {
      return child.metadata?.namespace === parent.metadata?.namespace && child.metadata?.labels?.[serviceNameLabel] === parent.metadata?.name;
    }
    const parentUid = parent.metadata?.uid;
    return parentUid !== undefined && (child.metadata?.ownerReferences ?? []).some((reference) => reference.uid === parentUid);
  });
}
