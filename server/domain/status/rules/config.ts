import { isRecord, stringField, type KubeObject } from "../kubeObject";
import { success, type ObjectStatus } from "../objectStatus";

/** Configuration objects work as soon as they exist; the summary says how much they hold. */
export function computeConfigMapStatus(configMap: KubeObject): ObjectStatus {
  const keys = keyNames(configMap, ["data", "binaryData"]).size;
  return success("Exists", `keys ${keys}`);
}

/**
 * Reads only the Secret's type and the names of its keys: values are redacted before any rule
 * sees them, and this rule must stay safe even if one day they were not.
 */
export function computeSecretStatus(secret: KubeObject): ObjectStatus {
  const type = stringField(secret, "type") ?? "Opaque";
  const keys = keyNames(secret, ["data", "stringData"]).size;
  return success("Exists", `type ${type}, keys ${keys}`);
}

function keyNames(object: KubeObject, fields: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const name of fields) {
    const section = object[name];
    if (isRecord(section)) Object.keys(section).forEach((key) => names.add(key));
  }
  return names;
}
