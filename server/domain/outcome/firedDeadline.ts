import type { Deadline } from "./deadlines";
import type { FailureReason, OutcomeEffect, StepOutcomeState } from "./outcomeTypes";
import { podsCannotStartMessage } from "./podsCannotStart";
import { isTopLevel } from "./trackedRow";

/** What happens when a deadline is reached: the step passes, a workload escalates, or it times out. */
export function fireDeadline(state: StepOutcomeState, deadline: Deadline, effects: OutcomeEffect[]): StepOutcomeState {
  const at = deadline.at;
  if (deadline.type === "stabilizationEnd") {
    effects.push({ type: "succeeded", at });
    return { ...state, phase: { name: "succeeded", at } };
  }
  if (deadline.type === "podsCannotStart") {
    const row = state.rows[deadline.key]!;
    const message = podsCannotStartMessage(state.options.podsCannotStart?.graceSeconds ?? 0, row.message);
    effects.push({ type: "rowEscalatedToError", at, key: row.key, message });
    const rows = { ...state.rows, [row.key]: { ...row, status: "Error" as const, message } };
    return fail({ ...state, rows }, at, "error", [row.key], effects);
  }
  // Timeout: every row still waiting, children included, is marked TimedOut.
  const timedOut = Object.values(state.rows).filter((row) => row.status === "InProgress");
  const rows = { ...state.rows };
  for (const row of timedOut) rows[row.key] = { ...row, status: "TimedOut" };
  effects.push({ type: "rowsTimedOut", at, keys: timedOut.map((row) => row.key) });
  const reason = state.phase.name === "stabilizing" ? "timeoutDuringStabilization" : "timeout";
  const blocking = Object.values(rows).filter((row) => isTopLevel(row) && row.status !== "Success");
  return fail(
    { ...state, rows },
    at,
    reason,
    blocking.map((row) => row.key),
    effects,
  );
}

export function fail(state: StepOutcomeState, at: number, reason: FailureReason, blockingKeys: readonly string[], effects: OutcomeEffect[]): StepOutcomeState {
  effects.push({ type: "failed", at, reason, blockingKeys });
  return { ...state, phase: { name: "failed", at, reason, blockingKeys } };
}
