// Secret values must never leave apply: not in the returned manifests, not in the live objects
// (which are stored and sent to browsers). kubectl's client-side apply annotation carries a full
// copy of the Secret, values included, so it is redacted as well.
import type { KubeObject } from "../render/form-objects.ts";

export const REDACTED = "<redacted>";
const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

export function redactSecretValues(object: KubeObject): KubeObject {
  if (object.kind !== "Secret" || !isCoreGroup(object.apiVersion)) return object;
  const copy: KubeObject = { ...object, metadata: { ...object.metadata } };
  for (const field of ["data", "stringData"] as const) {
    const values = object[field];
    if (values && typeof values === "object") copy[field] = Object.fromEntries(Object.keys(values).map((key) => [key, REDACTED]));
  }
  if (copy.metadata.annotations?.[LAST_APPLIED] !== undefined) copy.metadata.annotations = { ...copy.metadata.annotations, [LAST_APPLIED]: REDACTED };
  return copy;
}

/** The live object as the API server returned it, minus managedFields (noise, and large). */
export function cleanLiveObject(object: KubeObject): KubeObject {
  const { managedFields: _managedFields, ...metadata } = object.metadata as KubeObject["metadata"] & { managedFields?: unknown };
  return redactSecretValues({ ...object, metadata });
}

const isCoreGroup = (apiVersion: string) => apiVersion === "v1";
