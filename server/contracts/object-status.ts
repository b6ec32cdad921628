// Rows of the Kubernetes Object Status table and the changes the engine emits for them.
export const ROW_STATUSES = ["InProgress", "Success", "Error", "TimedOut"] as const;
export type RowStatus = (typeof ROW_STATUSES)[number];

export type ObjectRowView = {
  /** Stable identity: the object's uid (top-level rows keep the uid returned by apply). */
  key: string;
  uid: string | null;
  /** null for the objects the step applied; children point at their owner's key. */
  parentKey: string | null;
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
  status: RowStatus;
  message: string;
  summary: string;
  /** ISO time of the last change of status, message or summary. */
  lastChangeAt: string;
};

/** One batch of changes of one step's table; `seq` increases by one per batch. */
export type RowChangeBatch = { stepRunId: string; seq: number; upserts: ObjectRowView[]; removals: string[] };

export type StepPhaseView =
  | { name: "rendering" | "applying" | "tracking" }
  | { name: "stabilizing"; until: string }
  | { name: "finished"; outcome: "Succeeded" | "Failed" | "TimedOut"; frozenAt: string | null };
