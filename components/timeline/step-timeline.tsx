"use client";
// The timeline of one step on the Kubernetes Object Status tab. While the step runs it is drawn
// from the running tracker's transitions (with the page data, refreshed every few seconds) and
// what this page saw since: every status change of a top-level row in the live deltas becomes a
// point, the last segment grows until now. Once the step is frozen and its stored
// transitions have arrived with the page data, the stored timeline replaces it.
import { memo, useDeferredValue, useState } from "react";
import type { ObjectRowView } from "@/server/contracts/object-status.ts";
import type { StepPhase } from "@/server/contracts/live.ts";
import type { StepTimelineView } from "@/server/contracts/timeline.ts";
import type { LiveStepTable } from "@/components/object-status/row-reducer.ts";
import { useNow } from "@/components/object-status/use-now.ts";
import { extendHistory, laneSegments, mergeLivePoints, timelineMarks, timelineWindow, transitionPoints, type TimelinePoint } from "./lane-segments.ts";
import { TimelineChart, type ChartLane } from "./timeline-chart.tsx";
import { FrozenStepTimeline } from "./frozen-step-timeline.tsx";
import { useStoredTimeline } from "./timeline-data.tsx";

type Seen = { rows: ReadonlyMap<string, ObjectRowView>; history: ReadonlyMap<string, readonly TimelinePoint[]> };

export function StepTimeline({ step }: { step: LiveStepTable }) {
  const stored = useStoredTimeline(step.stepRunId);
  // The table paints first (issue 12): a delta or the clock's tick re-renders the live timeline
  // as a deferred (transition) render after the table's update is committed, in slices the
  // browser can paint between; it follows within that render's time (tens of ms at 1,000 lanes).
  const rows = useDeferredValue(step.rows);
  const now = useDeferredValue(useNow(1000));

  if (stored?.frozenAt) return <FrozenStepTimeline timeline={stored} />;
  // A frozen step on a page without stored timelines: its history is not known here.
  if (stored === undefined && step.frozenAt) return null;
  return <LiveStepTimeline rows={rows} stored={stored} frozenAt={step.frozenAt} phase={step.phase} now={now} />;
}

type LiveStepTimelineProps = {
  rows: ReadonlyMap<string, ObjectRowView>;
  stored: StepTimelineView | null | undefined;
  frozenAt: string | null;
  phase: StepPhase;
  now: number | null;
};

// Memoised: the urgent render of a delta passes the previous (deferred) rows and time, so it
// skips this; the deferred one draws it.
const LiveStepTimeline = memo(function LiveStepTimeline({ rows, stored, frozenAt, phase, now }: LiveStepTimelineProps) {
  const [seen, setSeen] = useState<Seen>(() => ({ rows, history: extendHistory(new Map(), rows.values()) }));
  // Derived state updated during render (React's documented pattern): no extra effect pass.
  if (seen.rows !== rows) setSeen({ rows, history: extendHistory(seen.history, rows.values()) });

  const topLevel = [...rows.values()].filter((row) => row.parentKey === null);
  if (topLevel.length === 0) return null;

  const recorded = new Map(stored?.lanes.map((lane) => [lane.key, transitionPoints(lane)]));
  const pointsByLane = topLevel.map((row) => mergeLivePoints(recorded.get(row.key) ?? [], seen.history.get(row.key) ?? []));
  const view = {
    startedAt: stored?.startedAt ?? null,
    finishedAt: stored?.finishedAt ?? null,
    frozenAt,
    deadlineAt: phase.name === "tracking" || phase.name === "stabilizing" ? (phase.deadlineAt ?? stored?.deadlineAt ?? null) : (stored?.deadlineAt ?? null),
    stabilizationStartedAt: stored?.stabilizationStartedAt ?? null,
    stabilizationSeconds: stored?.stabilizationSeconds ?? null,
  };
  const live = !frozenAt;
  const window = timelineWindow(view, pointsByLane.flat(), live ? now : null);
  const lanes: ChartLane[] = topLevel.map((row, index) => ({
    key: row.key,
    kind: row.kind,
    namespace: row.namespace,
    name: row.name,
    segments: laneSegments(pointsByLane[index]!, window),
  }));
  const marks = timelineMarks(view, phase.name === "stabilizing" ? phase.until : null);
  return <TimelineChart title={live ? "Status timeline (live)" : "Status timeline"} window={window} marks={marks} lanes={lanes} live={live} />;
});
