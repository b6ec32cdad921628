// Everything the details drawer shows about one row: the applied manifest, the last observed
// object, its status timeline, recent events and, for failing pods, the container reasons and
// the last log lines. Live steps read events and logs from the cluster on demand; frozen steps
// show what was stored with the snapshot.
import type { KubeConfig } from "@kubernetes/client-node";
import type { Database } from "../store/database.ts";
import type { Sealer } from "../security/credentials.ts";
import type { ObjectDetailsView } from "../contracts/live.ts";
import type { ObjectRowView } from "../contracts/object-status.ts";
import { NotFoundError } from "../errors.ts";
import { isSecret, sanitizeObject } from "../kube/sanitize.ts";
import { getJson, requestText } from "../kube/http.ts";
import { buildKubeConfig } from "../kube/kubeconfig.ts";
import { environmentConnection } from "../process/environments.ts";
import { runningTrackers } from "../tracking/running-trackers.ts";
import type { LiveTables } from "./live-tables.ts";
import { containerProblems } from "./container-problems.ts";
import { historyKey, loadCheckpointedTransitions, objectHistory } from "../store/transitions.ts";

/** How many of a failing container's last log lines the drawer shows. */
export const LOG_TAIL_LINES = 50;
/** The most of a log the drawer asks for (`limitBytes`) and keeps, and the most of one line it shows. */
export const LOG_TAIL_BYTES = 16 * 1024;
export const LOG_LINE_CHARS = 500;

export async function objectDetails(db: Database, sealer: Sealer, live: LiveTables, stepRunId: string, key: string): Promise<ObjectDetailsView> {
  const run = await db.stepRun.findUnique({
    where: { id: stepRunId },
    select: { frozenAt: true, failureSummary: true, deployment: { select: { environmentId: true } } },
  });
  if (!run) throw new NotFoundError("Step run", stepRunId);
  const stored = await db.objectRow.findUnique({ where: { stepRunId_objectKey: { stepRunId, objectKey: key } } });
  const liveRow = live.get(stepRunId)?.rows.get(key);
  const tracker = run.frozenAt ? undefined : runningTrackers().get(stepRunId);
  const row: ObjectRowView | undefined = liveRow && !run.frozenAt ? liveRow : stored ? toRowView(stored) : liveRow;
  if (!row) throw new NotFoundError("Object", key);

  if (tracker) {
    const kubeConfig = buildKubeConfig(await environmentConnection(db, sealer, run.deployment.environmentId));
    // The tracker keeps a projection of each object (server/kube/watched-object.ts): the drawer
    // reads the whole object from the cluster, and shows the projection if that read fails.
    const path = tracker.objectPath(key);
    const current = path ? await readObject(kubeConfig, path) : undefined;
    const observed = current ?? tracker.observedObject(key) ?? stored?.observed ?? null;
    const problems = containerProblems(observed);
    return {
      row,
      manifest: stored?.manifest ?? null,
      observed,
      transitions: tracker.transitionsOf(key).map((t) => ({ at: t.at.toISOString(), status: t.status, message: t.message })),
      events: await readEvents(kubeConfig, eventQuery(row, observed)).catch(() => []),
      containerProblems: await Promise.all(
        problems.map(async (problem) => ({ ...problem, logTail: await readLogTail(clusterLogRead(kubeConfig), row, observed, problem.container) })),
      ),
      source: "live",
    };
  }
  const checkpointed = await loadCheckpointedTransitions(db, [stepRunId], key);
  const transitions = objectHistory(checkpointed.get(historyKey(stepRunId, key)) ?? [], stored?.frozenTransitions ?? null);
  return {
    row,
    manifest: stored?.manifest ?? null,
    observed: stored?.observed ?? null,
    transitions: transitions.map((t) => ({ at: t.at.toISOString(), status: t.status, message: t.message })),
    events: storedEvents(run.failureSummary, key),
    containerProblems: containerProblems(stored?.observed ?? null).map((problem) => ({ ...problem, logTail: null })),
    source: "snapshot",
  };
}

function toRowView(row: {
  objectKey: string;
  uid: string | null;
  parentKey: string | null;
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
  status: string;
  message: string;
  summary: string;
  lastChangeAt: Date;
}): ObjectRowView {
  return {
    key: row.objectKey,
    uid: row.uid,
    parentKey: row.parentKey,
    apiVersion: row.apiVersion,
    kind: row.kind,
    namespace: row.namespace,
    name: row.name,
    status: row.status as ObjectRowView["status"],
    message: row.message,
    summary: row.summary,
    lastChangeAt: row.lastChangeAt.toISOString(),
  };
}

type EventItem = {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  lastTimestamp?: string;
  eventTime?: string;
  metadata?: { creationTimestamp?: string };
};

export type EventQuery = { path: string; fieldSelector: string };

/**
 * Which events are this object's: those naming its real uid, read from the object the cluster
 * returned; without one (not observed yet), those naming its kind, namespace and name. A row's
 * own `uid` is not enough: Helm rows carry their key ("Deployment/shop/web") as a stand-in uid
 * (server/deploy/run-helm-step.ts) and no event names that.
 */
export function eventQuery(row: ObjectRowView, observed: unknown): EventQuery {
  const path = row.namespace ? `/api/v1/namespaces/${encodeURIComponent(row.namespace)}/events` : "/api/v1/events";
  const observedUid = (observed as { metadata?: { uid?: unknown } } | null | undefined)?.metadata?.uid;
  const uid = typeof observedUid === "string" && observedUid ? observedUid : row.uid && isClusterUid(row.uid) ? row.uid : null;
  if (uid) return { path, fieldSelector: `involvedObject.uid=${uid}` };
  const byName = [`involvedObject.kind=${row.kind}`, `involvedObject.name=${row.name}`];
  if (row.namespace) byName.push(`involvedObject.namespace=${row.namespace}`);
  return { path, fieldSelector: byName.join(",") };
}

/** An object as the cluster has it now (sanitized), or undefined when it cannot be read within 5 s. */
export async function readObject(kubeConfig: KubeConfig, path: string): Promise<unknown> {
  try {
    return sanitizeObject(await getJson<{ apiVersion?: string; kind?: string; metadata?: object }>(kubeConfig, path, {}, AbortSignal.timeout(5_000)));
  } catch {
    return undefined;
  }
}

// Cluster uids are UUIDs; a stand-in built from a row's key has slashes.
const isClusterUid = (uid: string) => !uid.includes("/");

/** The last events of an object, oldest first (at most 10). */
export async function readEvents(kubeConfig: KubeConfig, query: EventQuery): Promise<ObjectDetailsView["events"]> {
  const list = await getJson<{ items: EventItem[] }>(kubeConfig, query.path, { fieldSelector: query.fieldSelector, limit: 50 }, AbortSignal.timeout(5_000));
  return list.items
    .map((e) => ({
      type: e.type ?? "Normal",
      reason: e.reason ?? "",
      message: e.message ?? "",
      count: e.count ?? 1,
      lastSeen: e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp ?? null,
    }))
    .sort((a, b) => (a.lastSeen ?? "").localeCompare(b.lastSeen ?? ""))
    .slice(-10);
}

/** Where a pod's log is read: the pod's log path and query; resolves with the HTTP status and body. */
export type LogRead = (path: string, query: Record<string, string | number | boolean>) => Promise<{ status: number; text: string }>;

/** The app's one kube client with its time limits (5 s for the whole answer) and a byte cap. */
export const clusterLogRead =
  (kubeConfig: KubeConfig): LogRead =>
  (path, query) =>
    requestText(kubeConfig, { method: "GET", path, query, signal: AbortSignal.timeout(5_000) }, { timeouts: { responseMs: 5_000, idleMs: 5_000 } });

/**
 * The last log lines of a failing container, oldest first; null where the cluster serves none
 * (an error status, an empty log, a timeout, no kubelet). A container that restarted is read
 * from its previous instance (`previous=true`): the one that failed. Only Pods have logs, never
 * a Secret; control characters are dropped and the text capped (lines, bytes, line length).
 */
export async function readLogTail(read: LogRead, row: ObjectRowView, observed: unknown, container: string): Promise<string[] | null> {
  if (row.kind !== "Pod" || isSecret(row) || !row.namespace) return null;
  try {
    const { status, text } = await read(`/api/v1/namespaces/${encodeURIComponent(row.namespace)}/pods/${encodeURIComponent(row.name)}/log`, {
      container,
      tailLines: LOG_TAIL_LINES,
      limitBytes: LOG_TAIL_BYTES,
      previous: restarted(observed, container),
    });
    if (status >= 400) return null;
    const lines = sanitizeLog(text);
    return lines.length > 0 ? lines : null;
  } catch {
    return null;
  }
}

/** Whether the container has a previous instance (it restarted, or its last run terminated). */
function restarted(pod: unknown, container: string): boolean {
  type Status = { name?: string; restartCount?: number; lastState?: { terminated?: unknown } };
  const status = (pod as { status?: { containerStatuses?: Status[]; initContainerStatuses?: Status[] } } | null | undefined)?.status;
  const entry = [...(status?.initContainerStatuses ?? []), ...(status?.containerStatuses ?? [])].find((s) => s.name === container);
  return (entry?.restartCount ?? 0) > 0 || entry?.lastState?.terminated !== undefined;
}

// Everything below the space except tab, and DEL; ANSI colour sequences first, whole.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** A log body as lines safe to show as text: no control characters, at most LOG_TAIL_LINES lines of LOG_LINE_CHARS. */
export function sanitizeLog(text: string): string[] {
  const capped = text.length > LOG_TAIL_BYTES ? text.slice(-LOG_TAIL_BYTES) : text;
  return capped
    .split(/\r?\n/)
    .map((line) => line.replace(ANSI, "").replace(CONTROL, ""))
    .map((line) => (line.length > LOG_LINE_CHARS ? `${line.slice(0, LOG_LINE_CHARS)}…` : line))
    .filter((line) => line.trim() !== "")
    .slice(-LOG_TAIL_LINES);
}

function storedEvents(failureSummary: unknown, key: string): ObjectDetailsView["events"] {
  const blocking =
    (
      failureSummary as {
        blocking?: { reasonChain?: { key: string; events?: { type: string; reason: string; message: string; count?: number; lastSeen?: string }[] }[] }[];
      } | null
    )?.blocking ?? [];
  for (const entry of blocking)
    for (const link of entry.reasonChain ?? []) {
      if (link.key === key)
        return (link.events ?? []).map((e) => ({ type: e.type, reason: e.reason, message: e.message, count: e.count ?? 1, lastSeen: e.lastSeen ?? null }));
    }
  return [];
}
