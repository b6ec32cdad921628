// One frozen snapshot for the auditors: context, outcome, failure summary, every row with its
// status timeline. A step that is not frozen yet is not a snapshot (404).
import type { Database } from "../store/database.ts";
import { NotFoundError } from "../errors.ts";
import type { RowStatus } from "../contracts/object-status.ts";
import type { SnapshotDetail, SnapshotObject, TimelineEntry } from "../contracts/audit.ts";
import { loadStatusCounts, emptyCounts, toSnapshotContext } from "./snapshot-context.ts";
import { historyKey, loadCheckpointedTransitions, objectHistory, type HistoryEntry } from "../store/transitions.ts";

const deploymentContext = {
  select: {
    id: true,
    project: { select: { id: true, name: true } },
    environment: { select: { id: true, name: true } },
    release: { select: { version: true } },
  },
} as const;

export async function loadSnapshot(db: Database, stepRunId: string): Promise<SnapshotDetail> {
  const run = await db.stepRun.findUnique({
    where: { id: stepRunId },
    select: { id: true, name: true, position: true, status: true, outcomeMessage: true, frozenAt: true, failureSummary: true, deployment: deploymentContext },
  });
  if (!run?.frozenAt) throw new NotFoundError("Snapshot", stepRunId);
  const [rows, transitions, counts] = await Promise.all([
    // Parents before children, then by kind and name: the order of the live table's tree.
    db.objectRow.findMany({ where: { stepRunId }, orderBy: [{ topLevel: "desc" }, { kind: "asc" }, { namespace: "asc" }, { name: "asc" }] }),
    loadCheckpointedTransitions(db, [stepRunId]),
    loadStatusCounts(db, [stepRunId]),
  ]);
  const objects: SnapshotObject[] = rows.map((row) => ({
    objectKey: row.objectKey,
    uid: row.uid,
    parentKey: row.parentKey,
    topLevel: row.topLevel,
    apiVersion: row.apiVersion,
    kind: row.kind,
    namespace: row.namespace,
    name: row.name,
    status: row.status as RowStatus,
    message: row.message,
    summary: row.summary,
    lastChangeAt: row.lastChangeAt.toISOString(),
    timeline: objectHistory(transitions.get(historyKey(stepRunId, row.objectKey)) ?? [], row.frozenTransitions).map(toTimelineEntry),
  }));
  return { ...toSnapshotContext(run), failureSummary: run.failureSummary ?? null, counts: counts.get(stepRunId) ?? emptyCounts(), objects };
}

export async function loadObjectTimeline(db: Database, stepRunId: string, objectKey: string): Promise<{ objectKey: string; timeline: TimelineEntry[] }> {
  const row = await db.objectRow.findFirst({
    where: { stepRunId, objectKey, stepRun: { frozenAt: { not: null } } },
    select: { objectKey: true, frozenTransitions: true },
  });
  if (!row) throw new NotFoundError("Object", `${objectKey} in snapshot ${stepRunId}`);
  const checkpointed = await loadCheckpointedTransitions(db, [stepRunId], objectKey);
  return { objectKey, timeline: objectHistory(checkpointed.get(historyKey(stepRunId, objectKey)) ?? [], row.frozenTransitions).map(toTimelineEntry) };
}

const toTimelineEntry = (entry: HistoryEntry): TimelineEntry => ({ at: entry.at.toISOString(), status: entry.status as RowStatus, message: entry.message });
