// A frozen step's timeline, drawn from its stored transitions (the snapshot page, and the
// deployment page once the step's table is frozen).
import type { StepTimelineView } from "@/server/contracts/timeline.ts";
import { laneSegments, storedLanePoints, timelineMarks, timelineWindow } from "./lane-segments.ts";
import { TimelineChart, type ChartLane } from "./timeline-chart.tsx";

export function FrozenStepTimeline({ timeline }: { timeline: StepTimelineView }) {
  if (timeline.lanes.length === 0) return null;
  const pointsByLane = timeline.lanes.map((lane) => storedLanePoints(lane));
  const window = timelineWindow(timeline, pointsByLane.flat(), null);
  const lanes: ChartLane[] = timeline.lanes.map((lane, index) => ({ ...lane, segments: laneSegments(pointsByLane[index]!, window) }));
  return <TimelineChart title="Status timeline" window={window} marks={timelineMarks(timeline, null)} lanes={lanes} live={false} />;
}
