// The status timeline of steps (components/timeline): per step run its window, stabilization and
// deadline, and one lane per top-level object with the stored status transitions. Transitions
// are written with the snapshot; for a step that still runs, `liveTransitions` supplies the
// running tracker's (in memory, this process), and the browser adds what it sees between page
// refreshes. Callers authorize first (deployment or snapshot).
import type { Database } from "../store/database.ts";
import type { RowStatus } from "../contracts/object-status.ts";
import type { StepTimelineView, TimelineLaneView, TimelineTransitionView } from "../contracts/timeline.ts";
import { runningTrackers } from "../tracking/running-trackers.ts";
import { historyKey, loadCheckpointedTransitions, objectHistory } from "../store/transitions.ts";

/**
 * Above this many top-level objects a running step's lanes come without the tracker's transitions
 * (each lookup filters the tracker's whole list); the browser's own history still draws them.
 */
const MAX_LIVE_LANES = 200;

/** The transitions a running tracker holds for one object, or null when no tracker runs the step here. */
export type LiveTransitions = (stepRunId: string, objectKey: string) => TimelineTransitionView[] | null;

export async function loadStepTimelines(db: Database, stepRunIds: string[], liveTransitions?: LiveTransitions): Promise<StepTimelineView[]> {
  if (stepRunIds.length === 0) return [];
  const [runs, rows, transitions] = await Promise.all([
    db.stepRun.findMany({
      where: { id: { in: stepRunIds } },
      orderBy: { position: "asc" },
      select: {
        id: true,
        startedAt: true,
        finishedAt: true,
        frozenAt: true,
        deadlineAt: true,
        stabilizationStartedAt: true,
        releaseStep: { select: { verification: true } },
      },
    }),
    db.objectRow.findMany({
      where: { stepRunId: { in: stepRunIds }, topLevel: true },
      orderBy: [{ kind: "asc" }, { namespace: "asc" }, { name: "asc" }],
      select: {
        stepRunId: true,
        objectKey: true,
        kind: true,
        namespace: true,
        name: true,
        status: true,
        message: true,
        lastChangeAt: true,
        frozenTransitions: true,
      },
    }),
    // Children's transitions are dropped below.
    loadCheckpointedTransitions(db, stepRunIds),
  ]);
  const lanes = new Map<string, TimelineLaneView>();
  for (const row of rows) {
    const key = historyKey(row.stepRunId, row.objectKey);
    lanes.set(key, {
      key: row.objectKey,
      kind: row.kind,
      namespace: row.namespace,
      name: row.name,
      transitions: objectHistory(transitions.get(key) ?? [], row.frozenTransitions).map((t) => ({
        at: t.at.toISOString(),
        status: t.status as RowStatus,
        message: t.message,
      })),
      last: { status: row.status as RowStatus, message: row.message, lastChangeAt: row.lastChangeAt.toISOString() },
    });
  }
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.stepRunId, (counts.get(row.stepRunId) ?? 0) + 1);
  const topLevelCount = (stepRunId: string) => counts.get(stepRunId) ?? 0;
  return runs.map((run) => ({
    stepRunId: run.id,
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    frozenAt: run.frozenAt?.toISOString() ?? null,
    deadlineAt: run.deadlineAt?.toISOString() ?? null,
    stabilizationStartedAt: run.stabilizationStartedAt?.toISOString() ?? null,
    stabilizationSeconds: stabilizationSeconds(run.releaseStep.verification),
    lanes: rows
      .filter((row) => row.stepRunId === run.id)
      .map((row) => {
        const lane = lanes.get(historyKey(run.id, row.objectKey))!;
        const live = run.frozenAt || topLevelCount(run.id) > MAX_LIVE_LANES ? null : (liveTransitions?.(run.id, row.objectKey) ?? null);
        return live ? { ...lane, transitions: live } : lane;
      }),
  }));
}

/** The step's "status stabilization timeout" (object-status verification only; Helm has none). */
function stabilizationSeconds(verification: unknown): number | null {
  const value = (verification as { stabilizationSeconds?: unknown } | null)?.stabilizationSeconds;
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** The transitions of the trackers running in this process (server/tracking/running-trackers.ts). */
export const runningTrackerTransitions: LiveTransitions = (stepRunId, objectKey) => {
  const tracker = runningTrackers().get(stepRunId);
  if (!tracker) return null;
  return tracker.transitionsOf(objectKey).map((transition) => ({ at: transition.at.toISOString(), status: transition.status, message: transition.message }));
};
