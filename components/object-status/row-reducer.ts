// The browser's copy of every step's Kubernetes Object Status table, kept by a pure reducer.
//
// Rules (server/contracts/live.ts): per step, a batch with seq = last + 1 is applied, seq <= last
// is a duplicate or arrived late and is ignored, seq > last + 1 is a gap: the batch is dropped and
// the step is reported in `resync` so the caller re-joins with `since`. A snapshot replaces its
// step's table. A frozen step takes no more deltas or status changes, only its stored table.
//
// Over the socket a step's snapshot comes in parts (SnapshotPart): they are buffered in `pending`
// and the table is replaced only once all of them are there; batches of that step arriving
// meanwhile wait in the buffer and are applied after it by the rules above (older than the
// snapshot: dropped; a gap: resync). Part 0 of another snapshot discards an incomplete one; a part
// of a snapshot not started here (its part 0 lost with a connection) is ignored. After a
// reconnect the caller discards every incomplete snapshot ("discard-parts") before re-joining.
//
// Identity matters: React rows are memoised on the row object, so a row whose fields did not
// change keeps the very same object (and a step whose table did not change keeps its own).
import type { SnapshotPart, StepPhase, StepTableSnapshot } from "@/server/contracts/live.ts";
import type { ObjectRowView, RowChangeBatch } from "@/server/contracts/object-status.ts";
import type { StepRunStatus } from "@/server/contracts/projects.ts";

export type LiveStepTable = Omit<StepTableSnapshot, "rows"> & { rows: ReadonlyMap<string, ObjectRowView> };

/** A step's snapshot whose parts are still arriving, and the batches of the step that wait for it. */
export type PendingSnapshot = {
  snapshotId: string;
  header: Omit<StepTableSnapshot, "rows">;
  parts: readonly (readonly ObjectRowView[] | undefined)[];
  received: number;
  deltas: readonly RowChangeBatch[];
};

export type LiveTables = { steps: Readonly<Record<string, LiveStepTable>>; pending?: Readonly<Record<string, PendingSnapshot>> };

export type StepStatusChange = { stepRunId: string; status: StepRunStatus; outcomeMessage: string; phase: StepPhase; frozenAt: string | null };

export type TableAction =
  | { type: "snapshot"; steps: StepTableSnapshot[]; part?: SnapshotPart }
  | { type: "delta"; batches: RowChangeBatch[] }
  | ({ type: "step-status" } & StepStatusChange)
  | { type: "discard-parts" };

export type TableUpdate = { state: LiveTables; resync: string[] };

export const emptyTables: LiveTables = { steps: {} };

export function reduceTables(state: LiveTables, action: TableAction): TableUpdate {
  switch (action.type) {
    case "snapshot":
      if (action.part) return applyPart(state, action.steps, action.part);
      return { state: applySnapshots(state, action.steps), resync: [] };
    case "discard-parts":
      return { state: state.pending && Object.keys(state.pending).length ? { steps: state.steps } : state, resync: [] };
    case "delta":
      return applyBatches(state, action.batches);
    case "step-status":
      return { state: applyStepStatus(state, action), resync: [] };
  }
}

/** Steps in step order, for rendering. */
export function orderedSteps(state: LiveTables): LiveStepTable[] {
  return Object.values(state.steps).sort((a, b) => a.position - b.position);
}

/** The `since` of a re-join: the last seq held for every step that can still change. */
export function resumePoints(state: LiveTables): Record<string, number> {
  const since: Record<string, number> = {};
  for (const step of Object.values(state.steps)) if (!step.frozenAt) since[step.stepRunId] = step.seq;
  return since;
}

/** True when nothing can change any more: every step is frozen or ended without a table. */
export function everyStepSettled(state: LiveTables): boolean {
  const steps = Object.values(state.steps);
  return steps.length > 0 && steps.every(isSettled);
}

// Steps that never get a table (skipped, not executed, or finished without verification) are
// as final as frozen ones.
const endedWithoutTracking = new Set<StepRunStatus>(["Skipped", "NotExecuted"]);
export const isSettled = (step: LiveStepTable) =>
  step.frozenAt !== null || endedWithoutTracking.has(step.status) || (!step.verificationEnabled && step.phase.name === "finished");

function applySnapshots(state: LiveTables, snapshots: StepTableSnapshot[]): LiveTables {
  let steps: Record<string, LiveStepTable> | null = null;
  for (const snapshot of snapshots) {
    const current = state.steps[snapshot.stepRunId];
    // A frozen step only takes the stored (frozen) table: the server announces a freeze without
    // waiting for its last batched deltas, so the browser re-reads the stored table to be exact.
    if (current?.frozenAt && !snapshot.frozenAt) continue;
    const { rows, ...header } = snapshot;
    const next: LiveStepTable = { ...header, rows: reuseRows(current?.rows, rows) };
    steps ??= { ...state.steps };
    steps[snapshot.stepRunId] = next;
  }
  return steps ? { ...state, steps } : state;
}

function applyPart(state: LiveTables, steps: StepTableSnapshot[], part: SnapshotPart): TableUpdate {
  const unchanged = { state, resync: [] };
  const step = steps[0];
  const valid = Number.isInteger(part.count) && part.count >= 1 && Number.isInteger(part.index) && part.index >= 0 && part.index < part.count;
  if (!step || steps.length !== 1 || step.stepRunId !== part.stepRunId || !valid) return unchanged;
  const current = state.pending?.[part.stepRunId];
  let pending: PendingSnapshot;
  if (current?.snapshotId === part.snapshotId) {
    if (current.parts[part.index]) return unchanged; // sent twice
    pending = current;
  } else if (part.index === 0) {
    // A newer snapshot of the step: an incomplete older one is dropped, its waiting batches kept
    // (those the new snapshot already holds are dropped when it is applied).
    const { rows: _rows, ...header } = step;
    pending = {
      snapshotId: part.snapshotId,
      header: { ...header, seq: part.seq },
      parts: new Array<undefined>(part.count).fill(undefined),
      received: 0,
      deltas: current?.deltas ?? [],
    };
  } else {
    return unchanged; // its first part went with an older connection
  }
  const parts = [...pending.parts];
  parts[part.index] = step.rows;
  pending = { ...pending, parts, received: pending.received + 1 };
  const { [part.stepRunId]: _done, ...others } = state.pending ?? {};
  if (pending.received < parts.length) return { state: { steps: state.steps, pending: { ...others, [part.stepRunId]: pending } }, resync: [] };
  const whole: StepTableSnapshot = { ...pending.header, rows: parts.flatMap((rows) => rows ?? []) };
  const applied = applySnapshots({ steps: state.steps, pending: others }, [whole]);
  return pending.deltas.length ? applyBatches(applied, [...pending.deltas]) : { state: applied, resync: [] };
}

// A snapshot after a reconnect mostly repeats what the browser holds: keep those row objects.
function reuseRows(previous: ReadonlyMap<string, ObjectRowView> | undefined, rows: ObjectRowView[]): ReadonlyMap<string, ObjectRowView> {
  const next = new Map<string, ObjectRowView>();
  for (const row of rows) {
    const old = previous?.get(row.key);
    next.set(row.key, old && sameRow(old, row) ? old : row);
  }
  return next;
}

function applyBatches(state: LiveTables, batches: RowChangeBatch[]): TableUpdate {
  let steps: Record<string, LiveStepTable> | null = null;
  let pending = state.pending;
  const resync = new Set<string>();
  for (const batch of batches) {
    const waiting = pending?.[batch.stepRunId];
    if (waiting) {
      // The step's snapshot is still arriving: the batch waits for it.
      pending = { ...pending, [batch.stepRunId]: { ...waiting, deltas: [...waiting.deltas, batch] } };
      continue;
    }
    const current = (steps ?? state.steps)[batch.stepRunId];
    if (!current) {
      // A batch for a step we have no table for: only a fresh snapshot can tell us about it.
      resync.add(batch.stepRunId);
      continue;
    }
    if (current.frozenAt || batch.seq <= current.seq) continue;
    if (batch.seq > current.seq + 1) {
      resync.add(batch.stepRunId);
      continue;
    }
    steps ??= { ...state.steps };
    steps[batch.stepRunId] = { ...current, seq: batch.seq, rows: applyBatch(current.rows, batch) };
  }
  const changed = steps !== null || pending !== state.pending;
  return { state: changed ? { steps: steps ?? state.steps, pending } : state, resync: [...resync] };
}

function applyBatch(rows: ReadonlyMap<string, ObjectRowView>, batch: RowChangeBatch): ReadonlyMap<string, ObjectRowView> {
  let next: Map<string, ObjectRowView> | null = null;
  for (const row of batch.upserts) {
    const old = (next ?? rows).get(row.key);
    if (old && sameRow(old, row)) continue;
    next ??= new Map(rows);
    next.set(row.key, row);
  }
  for (const key of batch.removals) {
    if (!(next ?? rows).has(key)) continue;
    next ??= new Map(rows);
    next.delete(key);
  }
  return next ?? rows;
}

function applyStepStatus(state: LiveTables, change: StepStatusChange): LiveTables {
  const current = state.steps[change.stepRunId];
  if (!current || current.frozenAt) return state;
  const { stepRunId: _stepRunId, ...fields } = change;
  return { ...state, steps: { ...state.steps, [change.stepRunId]: { ...current, ...fields } } };
}

const rowFields = [
  "key",
  "uid",
  "parentKey",
  "apiVersion",
  "kind",
  "namespace",
  "name",
  "status",
  "message",
  "summary",
  "lastChangeAt",
] as const satisfies readonly (keyof ObjectRowView)[];

function sameRow(a: ObjectRowView, b: ObjectRowView): boolean {
  return rowFields.every((field) => a[field] === b[field]);
}
