// What a watch keeps of each object it receives (issue 12: heap < 2 KB per tracked object at
// 10,000–70,000 objects). Done once, at the watch boundary (WatchHub wraps every transport), so
// the stream's cache, the tracker's index and its top-level objects share one small copy.
//
// Kept: everything the status rules, the parent/child links and the rows read (metadata without
// managedFields and the last-applied annotation; the whole status but a Pod's IP addresses; the
// spec minus what no rule reads), and what a frozen drawer is worth showing (container names and
// images, node, restart policy). Dropped: a Pod's volumes, tolerations, affinity, container
// details (env, mounts, probes, resources …) and addresses; a workload's pod template
// (`spec.template`, a CronJob's `jobTemplate`), which the applied manifest holds. The live
// drawer reads the whole object from the API server when it is opened
// (server/live/object-details.ts). Everything else (custom resources, Services, EndpointSlices …)
// is kept whole but for managedFields and last-applied.
// What many objects hold identically (a pod's labels, owner references, projected spec and
// status, down to each condition) is shared among them and frozen (shared-records.ts): pods of
// one rollout mostly are alike but for their names, uids and resource versions.
// The rules give the same statuses with and without it: __tests__/watched-object.test.ts (every
// captured fixture, plus a fast-check property over random objects of every kind).
import { sanitizeObject } from "./sanitize.ts";
import { shareTree } from "./shared-records.ts";
import type { KubeObject, WatchTransport } from "./watch-stream.ts";

const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

// Strings repeated across objects (kinds, namespaces, images, node names, condition words, times
// to the second) are shared instead of held once per object. Bounded: a full table starts over.
const INTERN_LIMIT = 50_000;
let interned = new Map<string, string>();
export function intern(value: string): string {
  if (value.length > 200) return value;
  const known = interned.get(value);
  if (known !== undefined) return known;
  if (interned.size >= INTERN_LIMIT) interned = new Map();
  interned.set(value, value);
  return value;
}
const internValue = (value: unknown) => (typeof value === "string" ? intern(value) : value);
/**
 * Values unique to one object or one container: interning them would only fill the table. A uid
 * is interned: each event of an object brings a fresh copy (while its row keeps the first one), and
 * every child names its owner's (eight pods, eight copies of their ReplicaSet's uid): 3.7 copies per
 * object in the bench's rollout.
 */
const UNIQUE = new Set(["name", "resourceVersion", "podIP", "selfLink"]);
const keep = (key: string, value: unknown) => (UNIQUE.has(key) ? value : internValue(value));

// Nested records (labels, conditions, owner references, container statuses) are the parser's
// own fresh objects: their strings are interned in place, which keeps the parser's compact
// object layout (a copy built key by key takes more room than the original).
function internRecord(value: unknown): unknown {
  if (!isRecord(value) || Object.isFrozen(value)) return value;
  for (const key in value) {
    const item = value[key];
    if (typeof item === "string" && !UNIQUE.has(key)) value[key] = intern(item);
  }
  return value;
}
const internEach = (value: unknown) => {
  if (Array.isArray(value)) for (const item of value) internRecord(item);
  return value;
};

function projectMetadata(metadata: Json): Json {
  const copy: Json = {};
  for (const key in metadata) {
    const value = metadata[key];
    if (key === "managedFields") continue;
    if (key === "annotations" && isRecord(value) && LAST_APPLIED in value) {
      const { [LAST_APPLIED]: _lastApplied, ...rest } = value;
      copy.annotations = internRecord(rest);
    } else if (key === "labels" || key === "annotations") copy[key] = shareTree(internRecord(value));
    else if (key === "ownerReferences") copy[key] = shareTree(internEach(value));
    else copy[key] = keep(key, value);
  }
  return copy;
}

const containerSummary = (containers: unknown) =>
  Array.isArray(containers) ? containers.map((c) => (isRecord(c) ? { name: internValue(c.name), image: internValue(c.image) } : c)) : containers;

function projectPodSpec(spec: Json): Json {
  return {
    ...(spec.initContainers !== undefined ? { initContainers: containerSummary(spec.initContainers) } : {}),
    containers: containerSummary(spec.containers),
    restartPolicy: internValue(spec.restartPolicy),
    nodeName: internValue(spec.nodeName),
  };
}

// A Pod's addresses: read by no rule, unique to each pod, and two arrays of one-field objects
// each (about 230 bytes a pod). Cleared in place, like a container's id below.
const POD_ADDRESSES = new Set(["podIP", "podIPs", "hostIP", "hostIPs"]);

function projectPodStatus(status: Json): Json {
  if (Object.isFrozen(status)) return status;
  for (const key in status) {
    const value = status[key];
    if (POD_ADDRESSES.has(key)) status[key] = undefined;
    else if (key === "conditions") internEach(value);
    else if (key === "containerStatuses" || key === "initContainerStatuses" || key === "ephemeralContainerStatuses") {
      if (Array.isArray(value)) for (const container of value) projectContainerStatus(container);
    } else if (typeof value === "string" && !UNIQUE.has(key)) status[key] = intern(value);
  }
  return shareTree(status);
}

// A container's id (the runtime's "containerd://" and 64 hex digits) is unique, long and read by
// nothing: blanked in place (deleting a property would slow the object down).
function projectContainerStatus(status: unknown) {
  if (!isRecord(status) || Object.isFrozen(status)) return;
  if (typeof status.containerID === "string") status.containerID = "";
  internRecord(status);
  for (const state of [status.state, status.lastState]) if (isRecord(state)) for (const key in state) internRecord(state[key]);
}

/** Workload kinds, and the spec fields of theirs no rule reads: the pod template, the selector, the rollout strategy's parameters. */
const TEMPLATE = ["template", "selector", "strategy"];
const UNREAD_SPEC: Record<string, readonly string[]> = {
  "apps/Deployment": TEMPLATE,
  "apps/ReplicaSet": TEMPLATE,
  "apps/StatefulSet": [...TEMPLATE, "volumeClaimTemplates"],
  "apps/DaemonSet": TEMPLATE,
  "batch/Job": TEMPLATE,
  "batch/CronJob": ["jobTemplate"],
  "/ReplicationController": TEMPLATE,
};
function without(record: Json, keys: readonly string[]): Json {
  const copy: Json = {};
  for (const key in record) if (!keys.includes(key)) copy[key] = internValue(record[key]);
  return copy;
}
const groupOf = (apiVersion: unknown) => (typeof apiVersion === "string" && apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.indexOf("/")) : "");

/** The part of a watched object the engine keeps (see the top of this file). Returns a new object; idempotent. */
export function projectWatched(object: KubeObject): KubeObject {
  const safe = sanitizeObject(object) as Json;
  const kind = typeof safe.kind === "string" ? safe.kind : "";
  const groupKind = `${groupOf(safe.apiVersion)}/${kind}`;
  const copy: Json = {};
  for (const key in safe) {
    const value = safe[key];
    if (key === "metadata" && isRecord(value)) copy.metadata = projectMetadata(value);
    else if (key === "spec" && isRecord(value) && groupKind === "/Pod") copy.spec = shareTree(projectPodSpec(value));
    else if (key === "status" && isRecord(value) && groupKind === "/Pod") copy.status = projectPodStatus(value);
    else if (key === "spec" && isRecord(value) && UNREAD_SPEC[groupKind]) copy.spec = without(value, UNREAD_SPEC[groupKind]);
    else if (key === "status" && isRecord(value)) copy.status = (internEach(value.conditions), value);
    else copy[key] = internValue(value);
  }
  return copy as KubeObject;
}

/** A transport whose objects (LIST items and watch events) are projected as they arrive. */
export function projectingTransport(transport: WatchTransport): WatchTransport {
  return {
    async list(signal) {
      const { items, resourceVersion } = await transport.list(signal);
      return { items: items.map(projectWatched), resourceVersion };
    },
    watch(resourceVersion, signal, onEvent, onOpen) {
      return transport.watch(
        resourceVersion,
        signal,
        (type, object) => onEvent(type, type === "ADDED" || type === "MODIFIED" || type === "DELETED" ? projectWatched(object) : object),
        onOpen,
      );
    },
  };
}
