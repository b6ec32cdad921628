import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { ObjectRowView } from "../../server/contracts/object-status.ts";
import type { TimelineLaneView } from "../../server/contracts/timeline.ts";
import {
  extendHistory,
  formatDuration,
  laneSegments,
  mergeLivePoints,
  storedLanePoints,
  timelineMarks,
  timelineWindow,
  type TimelinePoint,
} from "./lane-segments.ts";

const T0 = Date.parse("2030-01-01T12:00:00.000Z");
const at = (seconds: number) => T0 + seconds * 1000;
const iso = (seconds: number) => new Date(at(seconds)).toISOString();
const point = (seconds: number, status: TimelinePoint["status"], message = ""): TimelinePoint => ({ at: at(seconds), status, message });
const brief = (segments: ReturnType<typeof laneSegments>) => segments.map((s) => `${(s.start - T0) / 1000}-${(s.end - T0) / 1000}:${s.status ?? "unknown"}`);

describe("laneSegments", () => {
  test("each point lasts until the next one, the last one to the end of the axis", () => {
    const segments = laneSegments([point(0, "InProgress", "Not found"), point(4, "InProgress", "0 of 2 updated"), point(9, "Success")], {
      start: at(0),
      end: at(20),
    });
    assert.deepEqual(brief(segments), ["0-4:InProgress", "4-9:InProgress", "9-20:Success"]);
    assert.equal(segments[1]!.message, "0 of 2 updated");
  });

  test("points are put in time order; equal times keep their stored order; repeats merge", () => {
    const segments = laneSegments(
      [point(9, "Success"), point(2, "InProgress", "a"), point(5, "Error", "crash"), point(5, "InProgress", "b"), point(7, "InProgress", "b")],
      { start: at(0), end: at(10) },
    );
    assert.deepEqual(brief(segments), ["0-2:unknown", "2-5:InProgress", "5-9:InProgress", "9-10:Success"]);
    assert.equal(segments[2]!.message, "b", "the later of two points at the same time wins");
  });

  test("clipped to the step window: a status from before the start begins at the start, later ones are cut at the end", () => {
    const segments = laneSegments([point(-30, "InProgress", "old"), point(-10, "Success"), point(5, "Error"), point(40, "Success")], {
      start: at(0),
      end: at(20),
    });
    assert.deepEqual(brief(segments), ["0-5:Success", "5-20:Error"]);
  });

  test("the status reached at the very end of the axis is kept (a TimedOut written as the timeout fired)", () => {
    const segments = laneSegments([point(0, "InProgress"), point(30, "TimedOut")], { start: at(0), end: at(30) });
    assert.deepEqual(brief(segments), ["0-30:InProgress", "30-30:TimedOut"]);
  });

  test("a lane with no point is unknown for the whole window", () => {
    assert.deepEqual(brief(laneSegments([], { start: at(0), end: at(10) })), ["0-10:unknown"]);
  });

  test("an empty window (end before start) has no segments", () => {
    assert.deepEqual(laneSegments([point(0, "Success")], { start: at(10), end: at(0) }), []);
  });
});

const lane = (fields: Partial<TimelineLaneView>): TimelineLaneView => ({
  key: "uid-1",
  kind: "Deployment",
  namespace: "shop",
  name: "web",
  transitions: [],
  last: { status: "Success", message: "", lastChangeAt: iso(3) },
  ...fields,
});

describe("storedLanePoints", () => {
  test("a row that never changed is its last state from its last change on", () => {
    const points = storedLanePoints(lane({}));
    assert.deepEqual(brief(laneSegments(points, { start: at(0), end: at(10) })), ["0-3:unknown", "3-10:Success"]);
  });

  test("the stored transitions are used as they are when the last one matches the row", () => {
    const points = storedLanePoints(
      lane({
        transitions: [
          { at: iso(1), status: "InProgress", message: "1 of 2 updated" },
          { at: iso(6), status: "Success", message: "" },
        ],
        last: { status: "Success", message: "", lastChangeAt: iso(8) },
      }),
    );
    assert.equal(points.length, 2);
  });
});

const row = (key: string, fields: Partial<ObjectRowView>): ObjectRowView => ({
  key,
  uid: key,
  parentKey: null,
  apiVersion: "apps/v1",
  kind: "Deployment",
  namespace: "shop",
  name: key,
  status: "InProgress",
  message: "",
  summary: "",
  lastChangeAt: iso(0),
  ...fields,
});

describe("extendHistory (live)", () => {
  test("adds a point when a top-level row's status changes (like a stored transition), ignores children, message- and summary-only changes", () => {
    let history = extendHistory(new Map(), [row("web", { message: "0 of 2 updated" }), row("pod", { parentKey: "web" })]);
    assert.deepEqual([...history.keys()], ["web"]);
    const same = extendHistory(history, [row("web", { message: "1 of 2 updated", summary: "ready 1/2", lastChangeAt: iso(2) })]);
    assert.equal(same, history, "nothing new: the same map");
    history = extendHistory(history, [row("web", { status: "Success", message: "2 replicas available", lastChangeAt: iso(7) })]);
    assert.deepEqual(
      history.get("web")!.map((p) => [(p.at - T0) / 1000, p.status, p.message]),
      [
        [0, "InProgress", "0 of 2 updated"],
        [7, "Success", "2 replicas available"],
      ],
    );
  });

  test("live, the last segment is extended to now", () => {
    const history = extendHistory(new Map(), [row("web", { lastChangeAt: iso(2) })]);
    const points = history.get("web")!;
    const view = { startedAt: iso(0), finishedAt: null, frozenAt: null };
    assert.deepEqual(brief(laneSegments(points, timelineWindow(view, points, at(15)))), ["0-2:unknown", "2-15:InProgress"]);
    assert.deepEqual(brief(laneSegments(points, timelineWindow(view, points, at(25)))), ["0-2:unknown", "2-25:InProgress"]);
  });
});

describe("mergeLivePoints", () => {
  test("the tracker's transitions and what the page saw since draw one point per status change, the earliest one kept", () => {
    const recorded = [point(0, "InProgress", "Waiting for the first watch event"), point(6, "Success", "1 replica available")];
    const seen = [point(6, "Success", "1 replica available"), point(9, "InProgress", "1 of 2 updated"), point(12, "InProgress", "2 of 2 updated")];
    assert.deepEqual(
      mergeLivePoints(recorded, seen).map((p) => [(p.at - T0) / 1000, p.status, p.message]),
      [
        [0, "InProgress", "Waiting for the first watch event"],
        [6, "Success", "1 replica available"],
        [9, "InProgress", "1 of 2 updated"],
      ],
    );
  });

  test("a point seen first by the page, later than the tracker knew it, does not split the segment", () => {
    const merged = mergeLivePoints([point(0, "InProgress", "a")], [point(5, "InProgress", "b")]);
    assert.deepEqual(brief(laneSegments(merged, { start: at(0), end: at(10) })), ["0-10:InProgress"]);
  });
});

describe("timelineWindow and marks", () => {
  test("frozen: from the start to the end of the step, whatever the clock says", () => {
    const window = timelineWindow({ startedAt: iso(0), finishedAt: iso(30), frozenAt: iso(31) }, [], at(500));
    assert.deepEqual(window, { start: at(0), end: at(30) });
  });

  test("never narrower than a second", () => {
    assert.deepEqual(timelineWindow({ startedAt: iso(0), finishedAt: iso(0), frozenAt: null }, [], null), { start: at(0), end: at(1) });
  });

  test("frozen stabilization ends with the step or after its length; live it ends at the phase's until", () => {
    const view = { finishedAt: iso(30), deadlineAt: iso(60), stabilizationStartedAt: iso(20), stabilizationSeconds: 10 };
    assert.deepEqual(timelineMarks(view, null), { stabilization: { start: at(20), end: at(30) }, deadline: at(60) });
    assert.deepEqual(timelineMarks({ ...view, finishedAt: iso(25) }, null).stabilization, { start: at(20), end: at(25) });
    assert.deepEqual(timelineMarks({ ...view, finishedAt: null, stabilizationStartedAt: null }, iso(40)).stabilization, { start: at(30), end: at(40) });
    assert.equal(timelineMarks({ ...view, stabilizationStartedAt: null }, null).stabilization, null);
  });

  test("durations read as people say them", () => {
    assert.equal(formatDuration(4_400), "4 s");
    assert.equal(formatDuration(125_000), "2 min 05 s");
    assert.equal(formatDuration(3_720_000), "1 h 02 min");
  });
});
