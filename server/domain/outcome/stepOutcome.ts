import { earliestDeadline } from "./deadlines";
import { fail, fireDeadline } from "./firedDeadline";
import type { OutcomeEffect, OutcomeEvent, OutcomeOptions, OutcomeTransition, StepOutcomeState } from "./outcomeTypes";
import { updatePodErrorSince } from "./podsCannotStart";
import { forget, handOver, indexOf, inRecordOrder, track, writableRows } from "./rowsIndex";
import { isTopLevel, type TrackedRow } from "./trackedRow";

/**
 * The step-outcome state machine: a pure reducer driven by row changes and by time the caller
 * passes in. It never reads a clock and never sets a timer: after each transition the caller
 * schedules a `timePassed` event at `nextWakeAt`. Deadlines that fell before an event's `now` are
 * applied first, in time order, so a late wake-up gives the same result as a punctual one.
 */
export function startStepOutcome(options: OutcomeOptions, startedAt: number, rows: readonly TrackedRow[]): OutcomeTransition {
  const state: StepOutcomeState = {
    options,
    startedAt,
    timeoutAt: options.timeoutSeconds === null ? null : startedAt + options.timeoutSeconds * 1000,
    rows: {},
    podErrorSince: {},
    phase: { name: "running" },
  };
  return reduceStepOutcome(state, { type: "rowsChanged", now: startedAt, upserts: rows });
}

export function reduceStepOutcome(state: StepOutcomeState, event: OutcomeEvent): OutcomeTransition {
  if (isFinal(state)) return { state, effects: [], nextWakeAt: null };
  const effects: OutcomeEffect[] = [];
  let next = advanceTo(state, event.now, effects);
  if (!isFinal(next) && event.type === "rowsChanged") {
    next = applyRows(next, event.now, event.upserts, event.removedKeys ?? [], effects);
    next = evaluateDesiredState(next, event.now, effects);
    // A zero-second stabilization or grace period ends right away.
    next = advanceTo(next, event.now, effects);
  }
  handOver(state, next);
  return { state: next, effects, nextWakeAt: nextWakeAt(next) };
}

export function nextWakeAt(state: StepOutcomeState): number | null {
  return earliestDeadline(state)?.at ?? null;
}

export function isFinal(state: StepOutcomeState): boolean {
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
  // Per batch O(changed rows), not O(rows): the record is updated in place (see rowsIndex.ts).
  const { rows, index } = writableRows(state);
  for (const key of removedKeys) {
    delete rows[key];
    forget(index, key);
  }
  for (const row of upserts) {
    const previous = rows[row.key];
    if (isTopLevel(row) && previous?.status !== row.status) {
      effects.push({ type: "topLevelStatusChanged", at: now, key: row.key, from: previous?.status ?? null, to: row.status, message: row.message });
    }
    rows[row.key] = row;
    track(index, row);
  }
  const withRows = { ...state, rows };
  return state.options.podsCannotStart ? { ...withRows, podErrorSince: updatePodErrorSince(withRows, now) } : withRows;
}

function evaluateDesiredState(state: StepOutcomeState, now: number, effects: OutcomeEffect[]): StepOutcomeState {
  const index = indexOf(state.rows);
  // Fail early: an Error on an applied object is final for the step, whatever else is pending.
  if (index.errorTop.size > 0) return fail(state, now, "error", inRecordOrder(index, index.errorTop), effects);

  if (index.notSuccessTop.size === 0 && state.phase.name === "running") {
    const until = now + state.options.stabilizationSeconds * 1000;
    effects.push({ type: "stabilizationStarted", at: now, until });
    return { ...state, phase: { name: "stabilizing", since: now, until } };
  }
  if (index.notSuccessTop.size > 0 && state.phase.name === "stabilizing") {
    const notSuccess = state.rows[inRecordOrder(index, index.notSuccessTop)[0]!]!;
    effects.push({ type: "stabilizationReset", at: now, key: notSuccess.key, status: notSuccess.status, message: notSuccess.message });
    return { ...state, phase: { name: "running" } };
  }
  return state;
}
