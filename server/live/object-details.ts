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
import { getJson, openStream } from "../kube/http.ts";
import { buildKubeConfig } from "../kube/kubeconfig.ts";
import { environmentConnection } from "../process/environments.ts";
import { runningTrackers } from "../tracking/running-trackers.ts";
import type { LiveTables } from "./live-tables.ts";
import { containerProblems } from "./container-problems.ts";

const LOG_TAIL_LINES = 20;

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
    const observed = tracker.observedObject(key) ?? stored?.observed ?? null;
    const kubeConfig = buildKubeConfig(await environmentConnection(db, sealer, run.deployment.environmentId));
    const problems = containerProblems(observed);
    return {
      row,
      manifest: stored?.manifest ?? null,
      observed,
      transitions: tracker.transitionsOf(key).map((t) => ({ at: t.at.toISOString(), status: t.status, message: t.message })),
      events: await readEvents(kubeConfig, eventQuery(row, observed)).catch(() => []),
      containerProblems: await Promise.all(problems.map(async (problem) => ({ ...problem, logTail: await readLogTail(kubeConfig, row, problem.container) }))),
      source: "live",
    };
  }
  const transitions = await db.objectStatusTransition.findMany({ where: { stepRunId, objectKey: key }, orderBy: { at: "asc" } });
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

/** The last log lines of a failing container; null where the cluster does not serve logs. */
async function readLogTail(kubeConfig: KubeConfig, row: ObjectRowView, container: string): Promise<string[] | null> {
  if (row.kind !== "Pod") return null;
  try {
    const response = await openStream(
      kubeConfig,
      `/api/v1/namespaces/${row.namespace}/pods/${row.name}/log`,
      { container, tailLines: LOG_TAIL_LINES, previous: false },
      AbortSignal.timeout(5_000),
    );
    const chunks: Buffer[] = [];
    for await (const chunk of response) chunks.push(chunk as Buffer);
    if ((response.statusCode ?? 500) >= 400) return null;
    return Buffer.concat(chunks).toString("utf8").split("\n").filter(Boolean).slice(-LOG_TAIL_LINES);
  } catch {
    return null;
  }
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
