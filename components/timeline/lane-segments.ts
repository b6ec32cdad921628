// The pure part of the step timeline: status points → segments on a time axis, the axis itself,
// and the marks (stabilization window, deadline). No React, no clock: `now` is passed in.
//
// A lane is built from points (a stored transition, or a change the browser saw live). Each
// point starts a segment that lasts until the next point, or to the end of the axis. Segments
// are clipped to the axis; before the first point the status is unknown (the object was not
// observed yet, or, live, its earlier history is only stored when the step ends).
import type { ObjectRowView, RowStatus } from "@/server/contracts/object-status.ts";
import type { StepTimelineView, TimelineLaneView } from "@/server/contracts/timeline.ts";

export type TimelinePoint = { at: number; status: RowStatus; message: string };

export type TimelineSegment = {
  start: number;
  end: number;
  /** null: nothing known yet for this span. */
  status: RowStatus | null;
  message: string;
};

export type TimeWindow = { start: number; end: number };

export type TimelineMarks = {
  stabilization: TimeWindow | null;
  deadline: number | null;
};

/** Points in time order (stable for equal times), with repeats of the same status and message dropped. */
export function normalizePoints(points: readonly TimelinePoint[]): TimelinePoint[] {
  const sorted = points
    .map((point, index) => ({ point, index }))
    .filter(({ point }) => Number.isFinite(point.at))
    .sort((a, b) => a.point.at - b.point.at || a.index - b.index)
    .map(({ point }) => point);
  const result: TimelinePoint[] = [];
  for (const point of sorted) {
    const last = result[result.length - 1];
    if (last && last.status === point.status && last.message === point.message) continue;
    result.push(point);
  }
  return result;
}

/** The segments of one lane on the axis `window`. */
export function laneSegments(points: readonly TimelinePoint[], window: TimeWindow): TimelineSegment[] {
  const ordered = normalizePoints(points);
  const segments: TimelineSegment[] = [];
  if (window.end < window.start) return segments;
  const first = ordered[0];
  if (!first || first.at > window.start) {
    segments.push({ start: window.start, end: Math.min(first?.at ?? window.end, window.end), status: null, message: "" });
  }
  ordered.forEach((point, index) => {
    const next = ordered[index + 1];
    const start = Math.max(point.at, window.start);
    const end = Math.min(next ? next.at : window.end, window.end);
    if (point.at > window.end) return; // after the axis
    const isLast = !next;
    // A status replaced before the axis starts is not shown; the last one always is, even when it
    // was reached at the very end (a TimedOut written when the timeout fired).
    if (end > start || (isLast && end === start)) segments.push({ start, end, status: point.status, message: point.message });
  });
  return segments.filter((segment, index) => segment.end > segment.start || index === segments.length - 1);
}

/** A stored lane's points: its transitions, and its last stored state when no transition says it. */
export function storedLanePoints(lane: TimelineLaneView): TimelinePoint[] {
  const points = transitionPoints(lane);
  const last = points[points.length - 1];
  if (!last || last.status !== lane.last.status || last.message !== lane.last.message) {
    points.push({ at: Date.parse(lane.last.lastChangeAt), status: lane.last.status, message: lane.last.message });
  }
  return points;
}

/**
 * What the browser saw live: per top-level row, its state when first seen, then a point each time
 * its status changed (at the row's lastChangeAt, with the message of that moment). Status changes
 * only, as the tracker stores transitions, so the frozen timeline that replaces it looks the same.
 * Returns the same map when nothing changed.
 */
export function extendHistory(
  history: ReadonlyMap<string, readonly TimelinePoint[]>,
  rows: Iterable<ObjectRowView>,
): ReadonlyMap<string, readonly TimelinePoint[]> {
  let next: Map<string, readonly TimelinePoint[]> | null = null;
  for (const row of rows) {
    if (row.parentKey !== null) continue;
    const points = (next ?? history).get(row.key) ?? [];
    const last = points[points.length - 1];
    if (last && last.status === row.status) continue;
    next ??= new Map(history);
    next.set(row.key, [...points, { at: Date.parse(row.lastChangeAt), status: row.status, message: row.message }]);
  }
  return next ?? history;
}

/**
 * A running step's points: what the server's tracker recorded (as of the last page refresh) and
 * what this browser saw since, in time order, a point kept only where the status changes (the
 * tracker's rule), so both sources together draw what the frozen timeline will.
 */
export function mergeLivePoints(recorded: readonly TimelinePoint[], seen: readonly TimelinePoint[]): TimelinePoint[] {
  const merged: TimelinePoint[] = [];
  for (const point of normalizePoints([...recorded, ...seen])) {
    const last = merged[merged.length - 1];
    if (!last || last.status !== point.status) merged.push(point);
  }
  return merged;
}

/** A stored lane's transitions as points. */
export const transitionPoints = (lane: Pick<TimelineLaneView, "transitions">): TimelinePoint[] =>
  lane.transitions.map((transition) => ({ at: Date.parse(transition.at), status: transition.status, message: transition.message }));

/**
 * The axis: from the step's start to its end (frozen), or to now (live). A step without a start
 * time uses its earliest point. Never empty: at least one second wide.
 */
export function timelineWindow(
  view: Pick<StepTimelineView, "startedAt" | "finishedAt" | "frozenAt">,
  points: readonly TimelinePoint[],
  now: number | null,
): TimeWindow {
  const times = points.map((point) => point.at).filter(Number.isFinite);
  const start = parse(view.startedAt) ?? (times.length ? Math.min(...times) : (now ?? 0));
  const stored = parse(view.finishedAt) ?? parse(view.frozenAt);
  const live = stored === null;
  const lastPoint = times.length ? Math.max(...times) : start;
  const end = live ? Math.max(now ?? lastPoint, lastPoint) : Math.max(stored, lastPoint);
  return { start, end: Math.max(end, start + 1000) };
}

/**
 * The stabilization window and the deadline. Frozen: the stabilization that started last, up to
 * the end of the step or its full length. Live: the phase's `until` minus its length.
 */
export function timelineMarks(
  view: Pick<StepTimelineView, "finishedAt" | "deadlineAt" | "stabilizationStartedAt" | "stabilizationSeconds">,
  liveStabilizationUntil: string | null,
): TimelineMarks {
  const deadline = parse(view.deadlineAt);
  const seconds = view.stabilizationSeconds;
  const until = parse(liveStabilizationUntil);
  const started = parse(view.stabilizationStartedAt);
  let stabilization: TimeWindow | null = null;
  if (until !== null) {
    stabilization = { start: started ?? (seconds !== null ? until - seconds * 1000 : until), end: until };
  } else if (started !== null) {
    const full = seconds !== null ? started + seconds * 1000 : Number.POSITIVE_INFINITY;
    const finished = parse(view.finishedAt);
    stabilization = { start: started, end: finished !== null ? Math.min(full, finished) : full };
    if (!Number.isFinite(stabilization.end)) stabilization = null;
  }
  return { stabilization, deadline };
}

/** A position on the axis in percent (0–100), clamped. */
export function percentOf(time: number, window: TimeWindow): number {
  const span = window.end - window.start;
  if (span <= 0) return 0;
  return Math.min(100, Math.max(0, ((time - window.start) / span) * 100));
}

/** "4 s", "2 min 05 s", "1 h 02 min". */
export function formatDuration(milliseconds: number): string {
  const total = Math.max(0, Math.round(milliseconds / 1000));
  if (total < 60) return `${total} s`;
  const minutes = Math.floor(total / 60);
  if (minutes < 60) return `${minutes} min ${String(total % 60).padStart(2, "0")} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}

function parse(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const time = Date.parse(iso);
  return Number.isFinite(time) ? time : null;
}
