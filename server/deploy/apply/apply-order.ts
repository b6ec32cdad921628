// Namespaces and CustomResourceDefinitions go first: the objects that live in a namespace, or are
// instances of a CRD, declared in the same step would fail otherwise. Everything else keeps the
// author's order (kubectl's own ordering rules are not needed once these two are handled).
import type { KubeObject } from "../render/form-objects.ts";

export const isNamespace = (object: KubeObject) => object.kind === "Namespace" && object.apiVersion === "v1";
export const isCrd = (object: KubeObject) => object.kind === "CustomResourceDefinition" && object.apiVersion.startsWith("apiextensions.k8s.io/");

/** Indexes into `objects`, in the order to apply them, split into the three phases. */
export function applyPhases(objects: KubeObject[]): { namespaces: number[]; crds: number[]; rest: number[] } {
  const indexes = objects.map((_, index) => index);
  return {
    namespaces: indexes.filter((index) => isNamespace(objects[index]!)),
    crds: indexes.filter((index) => isCrd(objects[index]!)),
    rest: indexes.filter((index) => !isNamespace(objects[index]!) && !isCrd(objects[index]!)),
  };
}
