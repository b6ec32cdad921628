// The order objects are applied in, as phases: every object of a phase is applied (concurrently,
// see index.ts) before the next phase starts, because Kubernetes needs these to exist first:
// 1. Namespaces, then CustomResourceDefinitions (waited for until Established): objects that live
//    in a namespace, or are instances of a CRD, declared in the same step would fail otherwise.
// 2. What admission checks other objects against: a Pod naming a ServiceAccount, PriorityClass or
//    RuntimeClass that does not exist yet is refused; a (Cluster)RoleBinding to a Role that does
//    not exist yet is refused unless the credential may `bind` (escalation check); quotas and
//    limit ranges apply to what is created after them. The same kinds Helm installs first.
// 3. Everything else, in any order (controllers retry what is missing: a Deployment's pods wait
//    for their ConfigMap, a PVC for its StorageClass).
// 4. Webhook and admission-policy configurations, and APIServices: applied last, as Helm does, so
//    a webhook whose Service is in the same step does not refuse the rest of the step while its
//    backend is not there yet.
// Within a phase the author's order is kept only for the same object given twice.
import type { KubeObject } from "../render/form-objects.ts";

export const isNamespace = (object: KubeObject) => object.kind === "Namespace" && object.apiVersion === "v1";
export const isCrd = (object: KubeObject) => object.kind === "CustomResourceDefinition" && object.apiVersion.startsWith("apiextensions.k8s.io/");

const groupOf = (apiVersion: string) => (apiVersion.includes("/") ? apiVersion.split("/")[0]! : "");
const prerequisites = new Set([
  "/ServiceAccount",
  "/ResourceQuota",
  "/LimitRange",
  "scheduling.k8s.io/PriorityClass",
  "node.k8s.io/RuntimeClass",
  "rbac.authorization.k8s.io/Role",
  "rbac.authorization.k8s.io/ClusterRole",
]);
const lastGroups = new Set(["admissionregistration.k8s.io", "apiregistration.k8s.io"]);

export type ApplyPhases = { namespaces: number[]; crds: number[]; prerequisites: number[]; rest: number[]; last: number[] };

/** Indexes into `objects`, per phase, each in the author's order. */
export function applyPhases(objects: readonly KubeObject[]): ApplyPhases {
  const phases: ApplyPhases = { namespaces: [], crds: [], prerequisites: [], rest: [], last: [] };
  objects.forEach((object, index) => {
    const group = groupOf(object.apiVersion);
    if (isNamespace(object)) phases.namespaces.push(index);
    else if (isCrd(object)) phases.crds.push(index);
    else if (prerequisites.has(`${group}/${object.kind}`)) phases.prerequisites.push(index);
    else if (lastGroups.has(group)) phases.last.push(index);
    else phases.rest.push(index);
  });
  return phases;
}

/**
 * A phase as chains applied one after another inside, the chains concurrently: the same object
 * (group, kind, namespace, name) given twice is applied in the author's order, so the later one wins
 * as it did when everything was applied one at a time.
 */
export function chainsOf(objects: readonly KubeObject[], indexes: readonly number[]): number[][] {
  const byIdentity = new Map<string, number[]>();
  for (const index of indexes) {
    const object = objects[index]!;
    const identity = `${groupOf(object.apiVersion)}/${object.kind}/${object.metadata.namespace ?? ""}/${object.metadata.name}`;
    const chain = byIdentity.get(identity);
    if (chain) chain.push(index);
    else byIdentity.set(identity, [index]);
  }
  return [...byIdentity.values()];
}
