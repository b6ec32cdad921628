import type { FailureReason } from "./outcomeTypes";
import { renderFailureSummary } from "./failureSummaryText";
import { isTopLevel, type RowStatus, type TrackedRow } from "./trackedRow";

/** A Kubernetes Event about one object, reduced to what a person reads in a failure summary. */
export interface ObjectEvent {
  readonly type: string;
  readonly reason: string;
  readonly message: string;
  readonly count?: number;
  /** ISO time of the last occurrence; events are ordered by it. */
  readonly lastSeen?: string;
}

export interface ReasonLink extends TrackedRow {
  readonly events: readonly ObjectEvent[];
}

export interface BlockingObject {
  readonly row: TrackedRow;
  /** From the deepest descendant that explains the problem (usually a pod) up to `row` itself. */
  readonly reasonChain: readonly ReasonLink[];
}

export interface FailureSummary {
  readonly reason?: FailureReason;
  readonly blocking: readonly BlockingObject[];
  /** Plain text for the task log. */
  readonly text: string;
}

export interface FailureSummaryOptions {
  readonly reason?: FailureReason;
  readonly eventsPerObject?: number;
}

// Worst first: an Error explains more than a timeout, which explains more than waiting.
const severity: Readonly<Record<RowStatus, number>> = { Error: 0, TimedOut: 1, InProgress: 2, Success: 3 };

export function buildFailureSummary(
  rows: readonly TrackedRow[],
  eventsByObject: Readonly<Record<string, readonly ObjectEvent[]>>,
  options: FailureSummaryOptions = {},
): FailureSummary {
  const eventsPerObject = options.eventsPerObject ?? 5;
  const childrenByParent = new Map<string, TrackedRow[]>();
  for (const row of rows) {
    if (row.parentKey === null) continue;
    childrenByParent.set(row.parentKey, [...(childrenByParent.get(row.parentKey) ?? []), row]);
  }
  const toLink = (row: TrackedRow): ReasonLink => ({ ...row, events: lastEvents(eventsByObject[row.key] ?? [], eventsPerObject) });

  const blocking = rows
    .filter((row) => isTopLevel(row) && row.status !== "Success")
    .sort((a, b) => severity[a.status] - severity[b.status])
    .map((row): BlockingObject => ({ row, reasonChain: worstPath(row, childrenByParent).map(toLink) }));
  const summary = { blocking, ...(options.reason && { reason: options.reason }) };
  return { ...summary, text: renderFailureSummary(summary) };
}

/** The path from `top` down to its worst descendant, returned bottom-up (pod → ... → top). */
function worstPath(top: TrackedRow, childrenByParent: ReadonlyMap<string, readonly TrackedRow[]>): TrackedRow[] {
  let best: { path: TrackedRow[]; rank: number } = { path: [top], rank: severity[top.status] + 0.5 };
  const visit = (row: TrackedRow, path: TrackedRow[]): void => {
    for (const child of childrenByParent.get(row.key) ?? []) {
      if (path.includes(child)) continue;
      const childPath = [...path, child];
      // Same severity: the deeper row wins, since it is closer to the cause.
      const rank = severity[child.status] - childPath.length / 100;
      if (child.status !== "Success" && rank < best.rank) best = { path: childPath, rank };
      visit(child, childPath);
    }
  };
  visit(top, [top]);
  return best.path.reverse();
}

function lastEvents(events: readonly ObjectEvent[], count: number): ObjectEvent[] {
  return [...events].sort((a, b) => (a.lastSeen ?? "").localeCompare(b.lastSeen ?? "")).slice(-count);
}
