"use client";
// The picture of a step's timeline: one lane per top-level object, its status over time as
// coloured segments (the status badges' colours), the stabilization window as a band and the
// timeout as a line across every lane. Hovering or focusing a segment shows its status, message
// and time span. Each lane is one Tab stop; Left/Right/Home/End move between its segments. The
// same content is written out as text below the chart ("Timeline as text").
import { useId, useRef, useState, type KeyboardEvent } from "react";
import type { RowStatus } from "@/server/contracts/object-status.ts";
import { ROW_STATUS_LABELS } from "@/components/object-status/row-status.tsx";
import { formatTimestamp } from "@/components/deployments/timestamp.tsx";
import { formatDuration, percentOf, type TimelineMarks, type TimelineSegment, type TimeWindow } from "./lane-segments.ts";

export type ChartLane = { key: string; kind: string; namespace: string; name: string; segments: TimelineSegment[] };

type TimelineChartProps = { title: string; window: TimeWindow; marks: TimelineMarks; lanes: ChartLane[]; live: boolean };

/** Lanes shown before "Show all": a step with hundreds of objects stays readable. */
const FIRST_LANES = 30;

export const SEGMENT_COLOURS: Record<RowStatus, string> = {
  InProgress: "bg-blue-500",
  Success: "bg-green-600",
  Error: "bg-red-600",
  TimedOut: "bg-orange-500",
};

const UNKNOWN_STYLE = { backgroundImage: "repeating-linear-gradient(135deg, #e2e8f0 0 4px, #f8fafc 4px 8px)" };
const STABILIZATION_STYLE = { backgroundImage: "repeating-linear-gradient(45deg, rgba(22,163,74,0.14) 0 6px, rgba(22,163,74,0.04) 6px 12px)" };

export function TimelineChart({ title, window, marks, lanes, live }: TimelineChartProps) {
  const [showAll, setShowAll] = useState(false);
  const headingId = useId();
  const shown = showAll ? lanes : lanes.slice(0, FIRST_LANES);
  const deadlineShown = marks.deadline !== null && marks.deadline >= window.start && marks.deadline <= window.end;
  const stabilization = marks.stabilization && marks.stabilization.end > window.start && marks.stabilization.start < window.end ? marks.stabilization : null;
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-2 px-4 py-4" data-timeline>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h4 id={headingId} className="text-sm font-medium text-slate-900">
          {title}
        </h4>
        <Legend stabilization={stabilization !== null} deadline={deadlineShown} />
      </div>
      <div className="grid grid-cols-[minmax(8rem,14rem)_1fr] gap-x-3">
        <ul className="flex flex-col" aria-hidden="true">
          {shown.map((lane) => (
            <li key={lane.key} className="flex h-7 items-center truncate text-xs text-slate-700" title={laneName(lane)}>
              <span className="truncate">
                <span className="text-slate-500">{lane.kind}</span> {lane.name}
              </span>
            </li>
          ))}
        </ul>
        <div className="relative">
          {stabilization ? (
            <div
              className="pointer-events-none absolute inset-y-0 border-x-2 border-green-700/70"
              style={{
                ...STABILIZATION_STYLE,
                left: `${percentOf(stabilization.start, window)}%`,
                width: `${percentOf(stabilization.end, window) - percentOf(stabilization.start, window)}%`,
              }}
              data-mark="stabilization"
              title={`Stabilization ${formatClock(stabilization.start)}–${formatClock(stabilization.end)}`}
            />
          ) : null}
          {shown.map((lane) => (
            <LaneTrack key={lane.key} lane={lane} window={window} />
          ))}
          {deadlineShown ? (
            <div
              className="pointer-events-none absolute inset-y-0 w-0 border-l-2 border-dashed border-orange-700"
              style={{ left: `${percentOf(marks.deadline!, window)}%` }}
              data-mark="deadline"
            />
          ) : null}
        </div>
        <div />
        <div className="mt-1 flex justify-between text-xs tabular-nums text-slate-500">
          <span>{formatClock(window.start)}</span>
          <span>
            {formatDuration(window.end - window.start)}
            {live ? " so far" : ""}
          </span>
          <span>{live ? `now (${formatClock(window.end)})` : formatClock(window.end)}</span>
        </div>
      </div>
      {lanes.length > FIRST_LANES ? (
        <button type="button" className="self-start text-xs text-blue-700 underline-offset-2 hover:underline" onClick={() => setShowAll(!showAll)}>
          {showAll ? `Show the first ${FIRST_LANES} objects` : `Show all ${lanes.length} objects`}
        </button>
      ) : null}
      <TimelineText lanes={lanes} marks={{ stabilization, deadline: marks.deadline }} live={live} />
    </section>
  );
}

function LaneTrack({ lane, window }: { lane: ChartLane; window: TimeWindow }) {
  const [active, setActive] = useState(lane.segments.length - 1);
  const [shownTip, setShownTip] = useState<number | null>(null);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const tipId = useId();
  const current = Math.min(active, lane.segments.length - 1);

  function onKeyDown(event: KeyboardEvent, index: number) {
    const last = lane.segments.length - 1;
    const next = { ArrowRight: Math.min(last, index + 1), ArrowLeft: Math.max(0, index - 1), Home: 0, End: last }[event.key];
    if (next === undefined) {
      if (event.key === "Escape") setShownTip(null);
      return;
    }
    event.preventDefault();
    setActive(next);
    setShownTip(next);
    buttons.current[next]?.focus();
  }

  const tipSegment = shownTip !== null ? lane.segments[shownTip] : undefined;
  return (
    <div role="group" aria-label={`${laneName(lane)}: status over time`} className="relative h-7 border-b border-slate-100" data-lane={lane.key}>
      {lane.segments.map((segment, index) => {
        const left = percentOf(segment.start, window);
        const width = percentOf(segment.end, window) - left;
        return (
          <button
            key={`${segment.start}-${index}`}
            ref={(element) => {
              buttons.current[index] = element;
            }}
            type="button"
            tabIndex={index === current ? 0 : -1}
            aria-label={segmentSentence(segment)}
            aria-describedby={shownTip === index ? tipId : undefined}
            data-status={segment.status ?? "unknown"}
            data-start={new Date(segment.start).toISOString()}
            data-end={new Date(segment.end).toISOString()}
            className={`absolute top-1 h-5 rounded-sm outline-offset-1 focus-visible:z-10 focus-visible:outline focus-visible:outline-2 focus-visible:outline-blue-700 ${segment.status ? SEGMENT_COLOURS[segment.status] : ""}`}
            style={{ ...placement(left, width), ...(segment.status ? {} : UNKNOWN_STYLE) }}
            onMouseEnter={() => setShownTip(index)}
            onMouseLeave={() => setShownTip((tip) => (tip === index ? null : tip))}
            onFocus={() => {
              setActive(index);
              setShownTip(index);
            }}
            onBlur={() => setShownTip((tip) => (tip === index ? null : tip))}
            onKeyDown={(event) => onKeyDown(event, index)}
          />
        );
      })}
      {tipSegment ? <SegmentTip id={tipId} segment={tipSegment} window={window} /> : null}
    </div>
  );
}

/**
 * Where a segment sits. A status reached at an instant (a TimedOut written as the timeout fired)
 * has no width: it gets a small fixed one, inside the track, so it can be seen, hovered and focused.
 */
function placement(left: number, width: number): { left: string; width: string } {
  if (width >= 0.6) return { left: `${left}%`, width: `${width}%` };
  return { left: left > 50 ? `calc(${left}% - 6px)` : `${left}%`, width: "6px" };
}

function SegmentTip({ id, segment, window }: { id: string; segment: TimelineSegment; window: TimeWindow }) {
  const middle = percentOf((segment.start + segment.end) / 2, window);
  // Kept inside the chart: anchored left on the left half, right on the right half.
  const position = middle < 50 ? { left: `${middle}%` } : { right: `${100 - middle}%` };
  return (
    <div
      role="tooltip"
      id={id}
      className="pointer-events-none absolute top-7 z-20 w-max max-w-sm rounded-md border border-slate-300 bg-white px-3 py-2 text-xs text-slate-800 shadow-lg"
      style={position}
    >
      <p className="font-medium">{segment.status ? ROW_STATUS_LABELS[segment.status] : "Not observed yet"}</p>
      {segment.message ? <p className="mt-0.5 whitespace-pre-wrap break-words">{segment.message}</p> : null}
      <p className="mt-1 tabular-nums text-slate-500">{spanText(segment)}</p>
    </div>
  );
}

function Legend({ stabilization, deadline }: { stabilization: boolean; deadline: boolean }) {
  return (
    <ul className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-600" aria-label="Legend">
      {(Object.keys(SEGMENT_COLOURS) as RowStatus[]).map((status) => (
        <li key={status} className="inline-flex items-center gap-1">
          <span aria-hidden="true" className={`inline-block h-3 w-3 rounded-sm ${SEGMENT_COLOURS[status]}`} />
          {ROW_STATUS_LABELS[status]}
        </li>
      ))}
      <li className="inline-flex items-center gap-1">
        <span aria-hidden="true" className="inline-block h-3 w-3 rounded-sm" style={UNKNOWN_STYLE} />
        Not observed yet
      </li>
      {stabilization ? (
        <li className="inline-flex items-center gap-1">
          <span aria-hidden="true" className="inline-block h-3 w-3 rounded-sm border border-green-600/60" style={STABILIZATION_STYLE} />
          Stabilization
        </li>
      ) : null}
      {deadline ? (
        <li className="inline-flex items-center gap-1">
          <span aria-hidden="true" className="inline-block h-3 w-0 border-l-2 border-dashed border-orange-700" />
          Timeout
        </li>
      ) : null}
    </ul>
  );
}

// Written out only while open: a step with 1,000 top-level objects would otherwise keep thousands
// of hidden elements in the page and redraw them on every live update (issue 12).
function TimelineText({ lanes, marks, live }: { lanes: ChartLane[]; marks: TimelineMarks; live: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="text-xs text-slate-700" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="cursor-pointer text-blue-700">Timeline as text</summary>
      {open ? (
        <div className="mt-2 flex flex-col gap-2">
          {marks.stabilization ? (
            <p>
              Stabilization from {formatClock(marks.stabilization.start)} to {formatClock(marks.stabilization.end)}.
            </p>
          ) : null}
          {marks.deadline !== null ? <p>The step times out at {formatClock(marks.deadline)}.</p> : null}
          <ul className="flex flex-col gap-2">
            {lanes.map((lane) => (
              <li key={lane.key}>
                <p className="font-medium">{laneName(lane)}</p>
                <ol className="ml-4 list-decimal">
                  {lane.segments.map((segment, index) => (
                    <li key={`${segment.start}-${index}`}>
                      {segmentSentence(segment)}
                      {live && index === lane.segments.length - 1 ? " (still going)" : ""}
                    </li>
                  ))}
                </ol>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </details>
  );
}

const laneName = (lane: ChartLane) => `${lane.kind} ${lane.namespace ? `${lane.namespace}/` : ""}${lane.name}`;

function segmentSentence(segment: TimelineSegment): string {
  const status = segment.status ? ROW_STATUS_LABELS[segment.status] : "Not observed yet";
  return `${status}, ${spanText(segment)}${segment.message ? `: ${segment.message}` : ""}`;
}

function spanText(segment: TimelineSegment): string {
  if (segment.end === segment.start) return `at ${formatClock(segment.start)}`;
  return `${formatClock(segment.start)} to ${formatClock(segment.end)} (${formatDuration(segment.end - segment.start)})`;
}

/** HH:MM:SS UTC, like every time on the page. */
function formatClock(time: number): string {
  return `${formatTimestamp(new Date(time).toISOString(), "time").slice(0, 8)} UTC`;
}
