// Assertions on a step's stored status history (ObjectStatusTransition) through a restart or a
// takeover: the checkpoints append it, the freeze adds the rest (issue 13).
import assert from "node:assert/strict";

export type StoredTransition = { objectKey: string; at: Date; status: string };

const transitionKey = (t: StoredTransition) => `${t.objectKey}|${t.at.toISOString()}|${t.status}`;

/**
 * The history stored before the restart (`before`) is still stored after the resume, unchanged,
 * and nothing is stored twice: the top-level row's timeline starts at its first InProgress,
 * recorded before `stoppedAt`.
 */
export function assertHistoryKept(before: StoredTransition[], after: StoredTransition[], stoppedAt: number) {
  const top = before.find((t) => t.status === "InProgress");
  assert.ok(top && top.at.getTime() < stoppedAt, `a transition checkpointed before the stop: ${before.map(transitionKey).join(", ")}`);
  const stored = new Set(after.map(transitionKey));
  for (const t of before) assert.ok(stored.has(transitionKey(t)), `kept through the resume: ${transitionKey(t)}`);
  assert.equal(stored.size, after.length, `none stored twice: ${after.map(transitionKey).sort().join(", ")}`);
  const first = after.filter((t) => t.objectKey === top.objectKey).sort((a, b) => a.at.getTime() - b.at.getTime())[0]!;
  assert.equal(transitionKey(first), transitionKey(top), "the row's timeline starts at its original first transition");
}
