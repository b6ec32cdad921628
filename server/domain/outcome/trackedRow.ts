// One row of a step's status table, as the outcome machine and the failure summary see it.

export type RowStatus = "InProgress" | "Success" | "Error" | "TimedOut";

export interface TrackedRow {
  /** Stable identity: the uid, or "namespace/kind/name" while the object is not found. */
  readonly key: string;
  /** null for top-level rows (the objects the step applied); children point at their parent. */
  readonly parentKey: string | null;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly status: RowStatus;
  readonly message: string;
}

export function isTopLevel(row: TrackedRow): boolean {
  return row.parentKey === null;
}

/** "Deployment shop/web", how objects are named in log lines. */
export function describeRow(row: Pick<TrackedRow, "kind" | "namespace" | "name">): string {
  return row.namespace ? `${row.kind} ${row.namespace}/${row.name}` : `${row.kind} ${row.name}`;
}
