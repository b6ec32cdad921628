import { isRecord, type KubeObject } from "./kubeObject";

export const redactedValue = "<redacted>";

// Client-side `kubectl apply` stores the whole applied object, Secret values included, here.
const lastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

/**
 * Makes a received object safe to store, log or send: drops `metadata.managedFields` from every
 * object and, for Secrets, replaces each value with "<redacted>" (keys stay: the table shows how
 * many there are). Returns a copy; the input is not modified.
 */
export function redactSecret<T extends KubeObject>(object: T): T {
  const { managedFields: _managedFields, ...metadata } = object.metadata ?? {};
  const copy: Record<string, unknown> = { ...object };
  if (object.metadata) copy.metadata = metadata;
  if (object.kind !== "Secret" || (object.apiVersion !== undefined && object.apiVersion !== "v1")) return copy as T;

  for (const section of ["data", "stringData"] as const) {
    const values = object[section];
    if (isRecord(values)) {
      copy[section] = Object.fromEntries(Object.keys(values).map((key) => [key, redactedValue]));
    }
  }
  if (isRecord(metadata.annotations) && lastAppliedAnnotation in metadata.annotations) {
    copy.metadata = { ...metadata, annotations: { ...metadata.annotations, [lastAppliedAnnotation]: redactedValue } };
  }
  return copy as T;
}
