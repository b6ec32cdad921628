// Assertions on a step's stored status history (ObjectStatusTransition) through a restart or a
// takeover: the checkpoints append it, the freeze adds the rest (issue 13).
import assert from "node:assert/strict";

export type StoredTransition = { objectKey: string; at: Date; status: string };

const transitionKey = (t: StoredTransition) => `${t.objectKey}|${t.at.toISOString()}|${t.status}`;

/**
 * The history stored before the restart (`before`) is still stored after the resume, unchanged,
 * and nothing is stored twice: the top-level row's timeline starts at its first InProgress,
 * recorded before `stoppedAt`; no row's timeline repeats a status (the resumed tracker records real changes only).
 */
export function assertHistoryKept(before: StoredTransition[], after: StoredTransition[], stoppedAt: number) {
  const top = before.find((t) => t.status === "InProgress");
  assert.ok(top && top.at.getTime() < stoppedAt, `a transition checkpointed before the stop: ${before.map(transitionKey).join(", ")}`);
  const stored = new Set(after.map(transitionKey));
  for (const t of before) assert.ok(stored.has(transitionKey(t)), `kept through the resume: ${transitionKey(t)}`);
  assert.equal(stored.size, after.length, `none stored twice: ${after.map(transitionKey).sort().join(", ")}`);
  const first = after.filter((t) => t.objectKey === top.objectKey).sort((a, b) => a.at.getTime() - b.at.getTime())[0]!;
  assert.equal(transitionKey(first), transitionKey(top), "the row's timeline starts at its original first transition");
  // The resumed tracker records real changes only: no row repeats its status (no placeholder blip at the resume).
  const byKey = new Map<string, StoredTransition[]>();
  for (const t of [...after].sort((a, b) => a.at.getTime() - b.at.getTime())) byKey.set(t.objectKey, [...(byKey.get(t.objectKey) ?? []), t]);
  for (const [key, list] of byKey)
    list.forEach((t, i) => assert.ok(i === 0 || list[i - 1]!.status !== t.status, `${key} repeats ${t.status}: ${list.map(transitionKey).join(", ")}`));
}
