"use client";
// The timeline of one step on the Kubernetes Object Status tab. While the step runs it is drawn
// from the running tracker's transitions (with the page data, refreshed every few seconds) and
// what this page saw since: every status change of a top-level row in the live deltas becomes a
// point, the last segment grows until now. Once the step is frozen and its stored
// transitions have arrived with the page data, the stored timeline replaces it.
import { useState } from "react";
import type { ObjectRowView } from "@/server/contracts/object-status.ts";
import type { LiveStepTable } from "@/components/object-status/row-reducer.ts";
import { useNow } from "@/components/object-status/use-now.ts";
import { extendHistory, laneSegments, mergeLivePoints, timelineMarks, timelineWindow, transitionPoints, type TimelinePoint } from "./lane-segments.ts";
import { TimelineChart, type ChartLane } from "./timeline-chart.tsx";
import { FrozenStepTimeline } from "./frozen-step-timeline.tsx";
import { useStoredTimeline } from "./timeline-data.tsx";

type Seen = { rows: ReadonlyMap<string, ObjectRowView>; history: ReadonlyMap<string, readonly TimelinePoint[]> };

export function StepTimeline({ step }: { step: LiveStepTable }) {
  const stored = useStoredTimeline(step.stepRunId);
  const [seen, setSeen] = useState<Seen>(() => ({ rows: step.rows, history: extendHistory(new Map(), step.rows.values()) }));
  // Derived state updated during render (React's documented pattern): no extra effect pass.
  if (seen.rows !== step.rows) setSeen({ rows: step.rows, history: extendHistory(seen.history, step.rows.values()) });
  const now = useNow(1000);

  if (stored?.frozenAt) return <FrozenStepTimeline timeline={stored} />;
  // A frozen step on a page without stored timelines: its history is not known here.
  if (stored === undefined && step.frozenAt) return null;
  const topLevel = [...step.rows.values()].filter((row) => row.parentKey === null);
  if (topLevel.length === 0) return null;

  const recorded = new Map(stored?.lanes.map((lane) => [lane.key, transitionPoints(lane)]));
  const pointsByLane = topLevel.map((row) => mergeLivePoints(recorded.get(row.key) ?? [], seen.history.get(row.key) ?? []));
  const view = {
    startedAt: stored?.startedAt ?? null,
    finishedAt: stored?.finishedAt ?? null,
    frozenAt: step.frozenAt,
    deadlineAt:
      step.phase.name === "tracking" || step.phase.name === "stabilizing"
        ? (step.phase.deadlineAt ?? stored?.deadlineAt ?? null)
        : (stored?.deadlineAt ?? null),
    stabilizationStartedAt: stored?.stabilizationStartedAt ?? null,
    stabilizationSeconds: stored?.stabilizationSeconds ?? null,
  };
  const live = !step.frozenAt;
  const window = timelineWindow(view, pointsByLane.flat(), live ? now : null);
  const lanes: ChartLane[] = topLevel.map((row, index) => ({
    key: row.key,
    kind: row.kind,
    namespace: row.namespace,
    name: row.name,
    segments: laneSegments(pointsByLane[index]!, window),
  }));
  const marks = timelineMarks(view, step.phase.name === "stabilizing" ? step.phase.until : null);
  return <TimelineChart title={live ? "Status timeline (live)" : "Status timeline"} window={window} marks={marks} lanes={lanes} live={live} />;
}
