// A step's status timeline, shared by the server and the browser: the step's time window, its
// stabilization window and deadline, and one lane per top-level object with its stored status
// transitions (written with the snapshot; empty while the step still runs).
import type { RowStatus } from "./object-status.ts";

export type TimelineTransitionView = { at: string; status: RowStatus; message: string };

export type TimelineLaneView = {
  key: string;
  kind: string;
  namespace: string;
  name: string;
  transitions: TimelineTransitionView[];
  /** The row as last stored (checkpoint while live, snapshot once frozen). */
  last: { status: RowStatus; message: string; lastChangeAt: string };
};

export type StepTimelineView = {
  stepRunId: string;
  startedAt: string | null;
  finishedAt: string | null;
  frozenAt: string | null;
  deadlineAt: string | null;
  /** When the desired state was last reached; null when it never was, or stabilization was broken. */
  stabilizationStartedAt: string | null;
  stabilizationSeconds: number | null;
  lanes: TimelineLaneView[];
};
