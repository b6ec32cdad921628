// The one sanitizer for every Kubernetes object that enters the process, whatever the path:
// watch events and LIST pages, apply responses and the manifests sent, a Helm release's
// manifest, object details read for the drawer. Pure (no I/O), so any layer may use it.
// It lives at the cluster boundary rather than in server/domain because redaction is a rule
// about what may cross into the process, not a status rule: the domain only ever sees objects
// this function already cleaned.

/** What a redacted value reads as, everywhere (tables, drawer, previews, exports). */
export const REDACTED = "<redacted>";

// Client-side `kubectl apply` stores the whole applied object, Secret values included, here.
const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

type ObjectLike = { readonly apiVersion?: string; readonly kind?: string; readonly metadata?: object };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** A core Secret (a custom kind named Secret in another group is not one). */
export const isSecret = (object: ObjectLike) => object.kind === "Secret" && (object.apiVersion === undefined || object.apiVersion === "v1");

/**
 * Makes an object safe to store, log or send: drops `metadata.managedFields` from every object
 * (large, never shown) and, for Secrets, replaces each `data`/`stringData` value and the
 * last-applied annotation with "<redacted>" (keys stay: the table shows how many there are).
 * Returns a copy; the input is not modified. Idempotent.
 */
export function sanitizeObject<T extends ObjectLike>(object: T): T {
  const { managedFields: _managedFields, ...metadata } = (object.metadata ?? {}) as Record<string, unknown>;
  const copy: Record<string, unknown> = { ...object };
  if (object.metadata) copy.metadata = metadata;
  if (!isSecret(object)) return copy as T;
  for (const section of ["data", "stringData"] as const) {
    const values = copy[section];
    if (isRecord(values)) copy[section] = Object.fromEntries(Object.keys(values).map((key) => [key, REDACTED]));
  }
  if (isRecord(metadata.annotations) && LAST_APPLIED in metadata.annotations) {
    copy.metadata = { ...metadata, annotations: { ...metadata.annotations, [LAST_APPLIED]: REDACTED } };
  }
  return copy as T;
}
