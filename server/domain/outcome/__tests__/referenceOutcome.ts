// The outcome machine as it was before issue 12 (every batch copied and scanned all rows), kept
// as the oracle of the incremental one in stepOutcomeOracle.test.ts. Not used by the product.
import { earliestDeadline } from "../deadlines";
import { fail, fireDeadline } from "../firedDeadline";
import type { OutcomeEffect, OutcomeEvent, OutcomeOptions, OutcomeTransition, StepOutcomeState } from "../outcomeTypes";
import { topLevelKeyOf } from "../podsCannotStart";
import { isTopLevel, type TrackedRow } from "../trackedRow";

/**
 * The step-outcome state machine: a pure reducer driven by row changes and by time the caller
 * passes in. It never reads a clock and never sets a timer: after each transition the caller
 * schedules a `timePassed` event at `nextWakeAt`. Deadlines that fell before an event's `now` are
 * applied first, in time order, so a late wake-up gives the same result as a punctual one.
 */
export function startReferenceOutcome(options: OutcomeOptions, startedAt: number, rows: readonly TrackedRow[]): OutcomeTransition {
  const state: StepOutcomeState = {
    options,
    startedAt,
    timeoutAt: options.timeoutSeconds === null ? null : startedAt + options.timeoutSeconds * 1000,
    rows: {},
    podErrorSince: {},
    phase: { name: "running" },
  };
  return reduceReferenceOutcome(state, { type: "rowsChanged", now: startedAt, upserts: rows });
}

export function reduceReferenceOutcome(state: StepOutcomeState, event: OutcomeEvent): OutcomeTransition {
  if (isFinal(state)) return { state, effects: [], nextWakeAt: null };
  const effects: OutcomeEffect[] = [];
  let next = advanceTo(state, event.now, effects);
  if (!isFinal(next) && event.type === "rowsChanged") {
    next = applyRows(next, event.now, event.upserts, event.removedKeys ?? [], effects);
    next = evaluateDesiredState(next, event.now, effects);
    // A zero-second stabilization or grace period ends right away.
    next = advanceTo(next, event.now, effects);
  }
  return { state: next, effects, nextWakeAt: nextWakeAt(next) };
}

function nextWakeAt(state: StepOutcomeState): number | null {
  return earliestDeadline(state)?.at ?? null;
}

function isFinal(state: StepOutcomeState): boolean {
  return state.phase.name === "succeeded" || state.phase.name === "failed";
}

function advanceTo(state: StepOutcomeState, now: number, effects: OutcomeEffect[]): StepOutcomeState {
  let current = state;
  for (let deadline = earliestDeadline(current); deadline && deadline.at <= now; deadline = earliestDeadline(current)) {
    current = fireDeadline(current, deadline, effects);
  }
  return current;
}

function applyRows(
  state: StepOutcomeState,
  now: number,
  upserts: readonly TrackedRow[],
  removedKeys: readonly string[],
  effects: OutcomeEffect[],
): StepOutcomeState {
  const rows = { ...state.rows };
  for (const key of removedKeys) delete rows[key];
  for (const row of upserts) {
    const previous = rows[row.key];
    if (isTopLevel(row) && previous?.status !== row.status) {
      effects.push({ type: "topLevelStatusChanged", at: now, key: row.key, from: previous?.status ?? null, to: row.status, message: row.message });
    }
    rows[row.key] = row;
  }
  const withRows = { ...state, rows };
  return state.options.podsCannotStart ? { ...withRows, podErrorSince: updatePodErrorSince(withRows, now) } : withRows;
}

function evaluateDesiredState(state: StepOutcomeState, now: number, effects: OutcomeEffect[]): StepOutcomeState {
  const topLevel = Object.values(state.rows).filter(isTopLevel);
  // Fail early: an Error on an applied object is final for the step, whatever else is pending.
  const errored = topLevel.filter((row) => row.status === "Error");
  if (errored.length > 0)
    return fail(
      state,
      now,
      "error",
      errored.map((row) => row.key),
      effects,
    );

  const notSuccess = topLevel.find((row) => row.status !== "Success");
  if (!notSuccess && state.phase.name === "running") {
    const until = now + state.options.stabilizationSeconds * 1000;
    effects.push({ type: "stabilizationStarted", at: now, until });
    return { ...state, phase: { name: "stabilizing", since: now, until } };
  }
  if (notSuccess && state.phase.name === "stabilizing") {
    effects.push({ type: "stabilizationReset", at: now, key: notSuccess.key, status: notSuccess.status, message: notSuccess.message });
    return { ...state, phase: { name: "running" } };
  }
  return state;
}

/** The recomputation from every row, as it was before issue 12. */
function updatePodErrorSince(state: StepOutcomeState, now: number): Record<string, number> {
  const next: Record<string, number> = {};
  for (const row of Object.values(state.rows)) {
    if (row.kind !== "Pod" || row.status !== "Error") continue;
    const top = topLevelKeyOf(state.rows, row.key);
    if (top === undefined || top === row.key || next[top] !== undefined) continue;
    next[top] = state.podErrorSince[top] ?? now;
  }
  return next;
}
