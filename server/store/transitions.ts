// A step's stored status history, and the one place that reads it back. While the step runs, the
// checkpoints append its transitions to ObjectStatusTransition, a row each. The freeze writes the
// transitions not checkpointed yet into the frozen row of their object (`ObjectRow.frozenTransitions`,
// one JSON array per object) and into ObjectStatusTransition only for objects that are no longer in
// the final table. Why: a row per transition meant 20,000 more rows, each with its index entry and
// foreign-key check, when freezing 10,000 objects; that was 40 % of the freeze on PostgreSQL
// (issue 12, docs/decisions.md). An object's history is its checkpointed transitions (by time,
// then id) followed by its frozen ones, in the order the tracker recorded them.
import type { Database } from "./database.ts";

export type HistoryEntry = { at: Date; status: string; message: string };
/** How one entry is stored in `frozenTransitions`. */
type StoredEntry = { at: string; status: string; message: string };

/** The `frozenTransitions` value for an object's transitions (null when there are none). */
export function frozenTransitionsValue(entries: readonly HistoryEntry[]): StoredEntry[] | null {
  if (entries.length === 0) return null;
  return entries.map((entry) => ({ at: entry.at.toISOString(), status: entry.status, message: entry.message }));
}

/** The entries a `frozenTransitions` value holds, oldest first ([] for null). */
export function frozenTransitionsOf(value: unknown): HistoryEntry[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) throw new Error(`frozenTransitions is not an array: ${JSON.stringify(value).slice(0, 200)}`);
  return value.map((entry: Partial<StoredEntry> | null) => {
    const at = new Date(entry?.at ?? Number.NaN);
    if (typeof entry?.status !== "string" || typeof entry.message !== "string" || Number.isNaN(at.getTime()))
      throw new Error(`frozenTransitions holds a malformed entry: ${JSON.stringify(entry).slice(0, 200)}`);
    return { at, status: entry.status, message: entry.message };
  });
}

/** An object's whole history: its checkpointed transitions, in stored order, then its frozen ones. */
export function objectHistory(checkpointed: readonly HistoryEntry[], frozenTransitions: unknown): HistoryEntry[] {
  return [...checkpointed, ...frozenTransitionsOf(frozenTransitions)];
}

/** The checkpointed transitions of some steps, grouped by `historyKey(stepRunId, objectKey)`. */
export async function loadCheckpointedTransitions(db: Database, stepRunIds: string[], objectKey?: string): Promise<Map<string, HistoryEntry[]>> {
  // The (stepRunId, objectKey, at) index serves this order.
  const rows = await db.objectStatusTransition.findMany({
    where: { stepRunId: { in: stepRunIds }, ...(objectKey !== undefined ? { objectKey } : {}) },
    orderBy: [{ stepRunId: "asc" }, { objectKey: "asc" }, { at: "asc" }, { id: "asc" }],
    select: { stepRunId: true, objectKey: true, at: true, status: true, message: true },
  });
  const grouped = new Map<string, HistoryEntry[]>();
  for (const row of rows) {
    const key = historyKey(row.stepRunId, row.objectKey);
    let list = grouped.get(key);
    if (!list) grouped.set(key, (list = []));
    list.push({ at: row.at, status: row.status, message: row.message });
  }
  return grouped;
}

export const historyKey = (stepRunId: string, objectKey: string) => `${stepRunId}\n${objectKey}`;

/**
 * Every stored transition of a step, object by object, each object's in history order: those of
 * its rows, then those of objects that are no longer in the table. For exports and tests.
 */
export async function loadStepHistory(db: Database, stepRunId: string): Promise<(HistoryEntry & { objectKey: string })[]> {
  const [checkpointed, rows] = await Promise.all([
    loadCheckpointedTransitions(db, [stepRunId]),
    db.objectRow.findMany({ where: { stepRunId }, orderBy: { objectKey: "asc" }, select: { objectKey: true, frozenTransitions: true } }),
  ]);
  const history: (HistoryEntry & { objectKey: string })[] = [];
  for (const row of rows) {
    const key = historyKey(stepRunId, row.objectKey);
    for (const entry of objectHistory(checkpointed.get(key) ?? [], row.frozenTransitions)) history.push({ objectKey: row.objectKey, ...entry });
    checkpointed.delete(key);
  }
  for (const [key, entries] of checkpointed) for (const entry of entries) history.push({ objectKey: key.slice(stepRunId.length + 1), ...entry });
  return history;
}
