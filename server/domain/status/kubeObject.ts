// Minimal, read-only view of a Kubernetes object as the API returns it (plain JSON).
// The domain core never imports @kubernetes/client-node: rules read only the fields they need,
// through the accessors below, so a missing or oddly typed field degrades to "absent" instead
// of throwing.

export type JsonRecord = Readonly<Record<string, unknown>>;

export interface KubeOwnerReference {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly name?: string;
  readonly uid?: string;
  readonly controller?: boolean;
}

export interface KubeMetadata {
  readonly name?: string;
  readonly namespace?: string;
  readonly uid?: string;
  readonly generation?: number;
  readonly deletionTimestamp?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly ownerReferences?: readonly KubeOwnerReference[];
  readonly [field: string]: unknown;
}

export interface KubeObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: KubeMetadata;
  readonly spec?: JsonRecord;
  readonly status?: JsonRecord;
  readonly [field: string]: unknown;
}

export interface KubeCondition {
  readonly type: string;
  readonly status: "True" | "False" | "Unknown" | string;
  readonly reason?: string;
  readonly message?: string;
}

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads a nested field (`field(obj, "status", "loadBalancer", "ingress")`); undefined when any step is missing. */
export function field(value: unknown, ...path: readonly string[]): unknown {
  let current: unknown = value;
  for (const key of path) {
    if (!isRecord(current)) return undefined;
    current = current[key];
  }
  return current;
}

export function numberField(value: unknown, ...path: readonly string[]): number | undefined {
  const found = field(value, ...path);
  return typeof found === "number" && Number.isFinite(found) ? found : undefined;
}

export function stringField(value: unknown, ...path: readonly string[]): string | undefined {
  const found = field(value, ...path);
  return typeof found === "string" ? found : undefined;
}

export function arrayField(value: unknown, ...path: readonly string[]): readonly unknown[] {
  const found = field(value, ...path);
  return Array.isArray(found) ? found : [];
}

export function conditionsOf(object: KubeObject): readonly KubeCondition[] {
  return arrayField(object, "status", "conditions").filter(
    (entry): entry is KubeCondition => isRecord(entry) && typeof entry.type === "string" && typeof entry.status === "string",
  );
}

export function findCondition(object: KubeObject, type: string): KubeCondition | undefined {
  return conditionsOf(object).find((condition) => condition.type === type);
}

export function isConditionTrue(object: KubeObject, type: string): boolean {
  return findCondition(object, type)?.status === "True";
}

/** "Reason: message", or whichever of the two exists; the way every condition is quoted to users. */
export function describeCondition(condition: KubeCondition): string {
  const parts = [condition.reason, condition.message].filter((part) => part !== undefined && part !== "");
  return parts.length > 0 ? parts.join(": ") : `${condition.type} is ${condition.status}`;
}

/** The API group of an apiVersion: "apps/v1" → "apps", "v1" → "" (the core group). */
export function groupOf(apiVersion: string | undefined): string {
  if (!apiVersion) return "";
  const slash = apiVersion.indexOf("/");
  return slash === -1 ? "" : apiVersion.slice(0, slash);
}
