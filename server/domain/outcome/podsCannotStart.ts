import type { StepOutcomeState } from "./outcomeTypes";
import { indexOf, inRecordOrder } from "./rowsIndex";
import type { TrackedRow } from "./trackedRow";

/**
 * Kinds that run pods forever, where a pod in Error (crash loop, image pull) never fixes itself.
 * Jobs and CronJobs are left out on purpose: their controllers retry failed pods up to their
 * backoff limit and the Job rule already fails when that limit is reached.
 */
export const workloadKinds: ReadonlySet<string> = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"]);

/** Walks parentKey links to the top-level row; undefined while part of the chain is unknown. */
export function topLevelKeyOf(rows: Readonly<Record<string, TrackedRow>>, key: string): string | undefined {
  let row = rows[key];
  // Bounded walk: a malformed parent cycle must not hang the engine.
  for (let depth = 0; row && depth < 16; depth += 1) {
    if (row.parentKey === null) return row.key;
    row = rows[row.parentKey];
  }
  return undefined;
}

/**
 * Recomputes since when each top-level row has had at least one pod in Error. The time is kept
 * while the condition holds without a break (pods may be replaced), and dropped when it clears.
 */
export function updatePodErrorSince(state: StepOutcomeState, now: number): Record<string, number> {
  const next: Record<string, number> = {};
  // Only the pods in Error, in the rows' own order (which workload's deadline comes first on a tie).
  const index = indexOf(state.rows);
  for (const key of inRecordOrder(index, index.errorPods)) {
    const row = state.rows[key]!;
    const top = topLevelKeyOf(state.rows, row.key);
    if (top === undefined || top === row.key || next[top] !== undefined) continue;
    next[top] = state.podErrorSince[top] ?? now;
  }
  return next;
}

/** When a workload's pods-in-Error grace ends, if it is one the option applies to now. */
export function podsCannotStartDeadlines(state: StepOutcomeState): { key: string; at: number }[] {
  const grace = state.options.podsCannotStart;
  if (!grace) return [];
  return Object.entries(state.podErrorSince)
    .filter(([key]) => {
      const row = state.rows[key];
      // A workload that is Success despite an erroring pod (e.g. within maxUnavailable) is fine.
      return row !== undefined && workloadKinds.has(row.kind) && row.status === "InProgress";
    })
    .map(([key, since]) => ({ key, at: since + grace.graceSeconds * 1000 }));
}

export function podsCannotStartMessage(graceSeconds: number, workloadMessage: string): string {
  return `Pods cannot start for more than ${graceSeconds} s: ${workloadMessage}`;
}
