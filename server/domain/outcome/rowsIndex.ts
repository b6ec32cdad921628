// What the outcome machine asks of its rows at every batch, kept up to date as rows change
// instead of recomputed from all of them (issue 12: 70,000 rows copied and scanned per batch made
// every event O(table)). Kept beside the state in a WeakMap keyed by its rows record, so the state
// stays plain data.
//
// The rows record of the newest state is updated in place by the next `rowsChanged` (copying it
// was the O(table) part), so a line of states is meant to be reduced once each, newest first, as
// the tracker does: an older state's `rows` shows the newer rows once a later `rowsChanged` was
// applied. A state that is not the newest of its line (reduced a second time, e.g. two wake-ups
// tried from one state) is copied before its rows change, so the newest one is never disturbed.
import type { StepOutcomeState } from "./outcomeTypes";
import { isTopLevel, type TrackedRow } from "./trackedRow";

export interface RowsIndex {
  /** The state whose rows record this is and that may update it in place. */
  head: StepOutcomeState | undefined;
  /** Top-level rows in Error, and not in Success. */
  readonly errorTop: Set<string>;
  readonly notSuccessTop: Set<string>;
  /** Pods in Error (pods cannot start). */
  readonly errorPods: Set<string>;
  /** Insertion number of each key, the order of the record's own iteration. */
  readonly order: Map<string, number>;
  next: number;
}

const indexes = new WeakMap<object, RowsIndex>();

export function indexOf(rows: Readonly<Record<string, TrackedRow>>): RowsIndex {
  let index = indexes.get(rows);
  if (!index) {
    index = { head: undefined, errorTop: new Set(), notSuccessTop: new Set(), errorPods: new Set(), order: new Map(), next: 0 };
    for (const row of Object.values(rows)) track(index, row);
    indexes.set(rows, index);
  }
  return index;
}

/** The rows record `state` may change: its own when it is the newest of its line, else a copy. */
export function writableRows(state: StepOutcomeState): { rows: Record<string, TrackedRow>; index: RowsIndex } {
  const index = indexes.get(state.rows);
  if (index && index.head === state) return { rows: state.rows as Record<string, TrackedRow>, index };
  const rows = { ...state.rows };
  return { rows, index: indexOf(rows) };
}

/** After a transition from `from` to `to`: `to` owns its rows record when `from` did or the record is new. */
export function handOver(from: StepOutcomeState, to: StepOutcomeState): void {
  const index = indexes.get(to.rows);
  if (index && (to.rows !== from.rows || index.head === from)) index.head = to;
}

export function track(index: RowsIndex, row: TrackedRow): void {
  if (!index.order.has(row.key)) index.order.set(row.key, index.next++);
  toggle(index.errorTop, row.key, isTopLevel(row) && row.status === "Error");
  toggle(index.notSuccessTop, row.key, isTopLevel(row) && row.status !== "Success");
  toggle(index.errorPods, row.key, row.kind === "Pod" && row.status === "Error");
}

export function forget(index: RowsIndex, key: string): void {
  index.order.delete(key);
  index.errorTop.delete(key);
  index.notSuccessTop.delete(key);
  index.errorPods.delete(key);
}

/** Keys in the record's own order (non-numeric keys iterate in insertion order). */
export function inRecordOrder(index: RowsIndex, keys: Iterable<string>): string[] {
  return [...keys].sort((a, b) => index.order.get(a)! - index.order.get(b)!);
}

function toggle(set: Set<string>, key: string, member: boolean) {
  if (member) set.add(key);
  else set.delete(key);
}
