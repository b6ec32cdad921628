// The typed contract of live deployment data, shared by the server and the browser.
//
// A browser joins a deployment's room and receives the current table of every step
// ("table:snapshot", each step with its sequence number), then only changes ("table:delta",
// batched about every 100 ms). Each step's batches carry consecutive sequence numbers: a
// browser applies seq = last + 1, ignores seq <= last (duplicate) and on a gap re-joins with
// `since` (its last seq per step); the server fills the gap from its recent batches or sends a
// fresh snapshot of that step. Frozen steps are sent once, from the database, and never change.
//
// A step's table travels in parts of at most SNAPSHOT_PART_ROWS rows, in tree order (parents
// before their children), each "table:snapshot" carrying one part of one step and naming it
// (`part`: snapshot id, step, index, count, the snapshot's seq). The browser buffers the parts and
// replaces the step's table only once all of them are there; the deltas that follow wait for it.
// A new snapshot of the step (another id, part 0) discards an incomplete one. Messages above
// 16 KiB are compressed on the wire (permessage-deflate, docs/decisions.md).
import type { ObjectRowView, RowChangeBatch } from "./object-status.ts";
import type { LogLineView, StepRunStatus } from "./projects.ts";

export type JoinAck = { ok: true } | { ok: false; message: string };

export type StepPhase =
  | { name: "pending" }
  | { name: "rendering" }
  | { name: "applying" }
  | { name: "tracking"; deadlineAt: string | null }
  | { name: "stabilizing"; until: string; deadlineAt: string | null }
  | { name: "finished" };

/** The whole table of one step, as the server has it now. */
export type StepTableSnapshot = {
  stepRunId: string;
  position: number;
  name: string;
  status: StepRunStatus;
  outcomeMessage: string;
  verificationEnabled: boolean;
  phase: StepPhase;
  /** Set once the table is frozen; then `rows` never change again. */
  frozenAt: string | null;
  seq: number;
  rows: ObjectRowView[];
  /** The stored failure summary of a failed or timed-out step (StepRun.failureSummary), once frozen. */
  failureSummary?: unknown;
};

/** Rows per "table:snapshot" part. */
export const SNAPSHOT_PART_ROWS = 1_000;

/** Which part of which snapshot a "table:snapshot" carries (absent: whole tables, as over REST). */
export type SnapshotPart = {
  /** One id per join answer: parts of two snapshots (a reconnect in between) never mix. */
  snapshotId: string;
  stepRunId: string;
  /** 0-based; parts are sent in order. */
  index: number;
  count: number;
  /** The step's sequence number the whole snapshot stands for. */
  seq: number;
};

export type ClientToServerEvents = {
  /** `since`: the last seq the browser holds per step (after a reconnect), to resume without gaps. */
  "deployment:join": (payload: { deploymentId: string; since?: Record<string, number> }, ack: (result: JoinAck) => void) => void;
  "deployment:leave": (payload: { deploymentId: string }) => void;
};

export type ServerToClientEvents = {
  /**
   * With `part`: one part of one step's table (`steps` holds that step alone, its `rows` this
   * part's). Without (a first join of a deployment with no steps): nothing to buffer.
   */
  "table:snapshot": (payload: { deploymentId: string; steps: StepTableSnapshot[]; part?: SnapshotPart }) => void;
  "table:delta": (payload: { deploymentId: string; batches: RowChangeBatch[] }) => void;
  "step:status": (payload: {
    deploymentId: string;
    stepRunId: string;
    status: StepRunStatus;
    outcomeMessage: string;
    phase: StepPhase;
    frozenAt: string | null;
  }) => void;
  "log:lines": (payload: { deploymentId: string; stepRunId: string; lines: LogLineView[] }) => void;
  /** The deployment's own status changed (Queued → Running → Succeeded/Failed). */
  "deployment:changed": (payload: { deploymentId: string; status: string }) => void;
};

/** Details of one row, for the drawer (live or frozen). */
export type ObjectDetailsView = {
  row: ObjectRowView;
  /** The applied manifest (top-level rows), Secret values redacted. */
  manifest: unknown | null;
  /** The last observed object (status part included), Secret values redacted, managedFields stripped. */
  observed: unknown | null;
  /** Status timeline of this object within the step. */
  transitions: { at: string; status: string; message: string }[];
  /** Recent Kubernetes events (live: read from the cluster; frozen: as stored at the end of the step). */
  events: { type: string; reason: string; message: string; count: number; lastSeen: string | null }[];
  /** For failing pods: the waiting/terminated reason and, where the cluster serves them, the last log lines. */
  containerProblems: { container: string; reason: string; message: string; exitCode: number | null; logTail: string[] | null }[];
  source: "live" | "snapshot";
};
