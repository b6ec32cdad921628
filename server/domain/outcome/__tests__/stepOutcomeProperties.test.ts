// Property-based tests (fast-check) of the step-outcome machine: arbitrary sequences of row
// updates and clock ticks, with the invariants the status model states checked after every step.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import type { OutcomeEvent, OutcomeOptions, OutcomeTransition } from "../outcomeTypes";
import { reduceStepOutcome, startStepOutcome } from "../stepOutcome";
import { isTopLevel, type TrackedRow } from "../trackedRow";
import { t0 } from "./outcomeTestHelpers";

const numRuns = 200;

// A small world: three applied objects and some children, so keys collide and statuses flip.
const shapes: readonly Omit<TrackedRow, "status" | "message">[] = [
  { key: "Deployment/web", parentKey: null, kind: "Deployment", namespace: "shop", name: "web" },
  { key: "Job/migrate", parentKey: null, kind: "Job", namespace: "shop", name: "migrate" },
  { key: "Service/web", parentKey: null, kind: "Service", namespace: "shop", name: "web" },
  { key: "ReplicaSet/web-1", parentKey: "Deployment/web", kind: "ReplicaSet", namespace: "shop", name: "web-1" },
  { key: "Pod/web-1-a", parentKey: "ReplicaSet/web-1", kind: "Pod", namespace: "shop", name: "web-1-a" },
  { key: "Pod/web-1-b", parentKey: "ReplicaSet/web-1", kind: "Pod", namespace: "shop", name: "web-1-b" },
  { key: "Pod/migrate-x", parentKey: "Job/migrate", kind: "Pod", namespace: "shop", name: "migrate-x" },
];
const keys = shapes.map((shape) => shape.key);

// The engine assigns these three; TimedOut comes only from the machine's own timeout.
const rowArbitrary: fc.Arbitrary<TrackedRow> = fc
  .record({
    shape: fc.constantFrom(...shapes),
    status: fc.constantFrom("InProgress", "Success", "Success", "Error"),
    message: fc.string({ maxLength: 12 }),
  })
  .map(({ shape, status, message }) => ({ ...shape, status, message }) as TrackedRow);

const optionsArbitrary: fc.Arbitrary<OutcomeOptions> = fc.record({
  timeoutSeconds: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
  stabilizationSeconds: fc.integer({ min: 0, max: 20 }),
  podsCannotStart: fc.option(fc.record({ graceSeconds: fc.integer({ min: 0, max: 30 }) }), { nil: null }),
});

type Step =
  | { readonly kind: "rows"; readonly afterMs: number; readonly upserts: readonly TrackedRow[]; readonly removed: readonly string[] }
  | { readonly kind: "tick"; readonly afterMs: number };
const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant("rows" as const),
    afterMs: fc.integer({ min: 0, max: 8_000 }),
    upserts: fc.array(rowArbitrary, { maxLength: 4 }),
    removed: fc.oneof({ weight: 5, arbitrary: fc.constant<readonly string[]>([]) }, { weight: 1, arbitrary: fc.subarray([...keys], { maxLength: 2 }) }),
  }),
  fc.record({ kind: fc.constant("tick" as const), afterMs: fc.integer({ min: 0, max: 25_000 }) }),
);

const scenario = fc.record({
  options: optionsArbitrary,
  initial: fc.array(rowArbitrary, { maxLength: 5 }),
  steps: fc.array(stepArbitrary, { maxLength: 25 }),
});

const topLevelRows = (transition: OutcomeTransition) => Object.values(transition.state.rows).filter(isTopLevel);
const isFinal = (transition: OutcomeTransition) => transition.state.phase.name === "succeeded" || transition.state.phase.name === "failed";

/** The invariants that hold after every transition, whatever came before. */
function checkTransition(previous: OutcomeTransition | undefined, event: OutcomeEvent, next: OutcomeTransition, stabilizingSince: number | undefined): void {
  const { phase, rows, timeoutAt } = next.state;
  for (const row of Object.values(rows)) assert.ok(["InProgress", "Success", "Error", "TimedOut"].includes(row.status));
  assert.ok(next.nextWakeAt === null || next.nextWakeAt > event.now, "every deadline up to now has been applied");
  if (isFinal(next)) assert.equal(next.nextWakeAt, null);

  // Stabilizing means every applied object is Success right now.
  if (phase.name === "stabilizing")
    assert.ok(
      topLevelRows(next).every((row) => row.status === "Success"),
      "stabilizing with a top-level row not in Success",
    );

  if (phase.name === "succeeded") {
    assert.ok(stabilizingSince !== undefined, "passed without stabilizing");
    assert.equal(phase.at - stabilizingSince, next.state.options.stabilizationSeconds * 1000, "passed before the stabilization period ended");
    assert.ok(timeoutAt === null || phase.at <= timeoutAt, "passed after the timeout");
  }
  if (phase.name === "failed" && phase.reason !== "error") {
    // A timed-out table holds only final words: nothing is InProgress any more.
    assert.deepEqual(
      Object.values(rows).filter((row) => row.status === "InProgress"),
      [],
    );
    const timedOut = next.effects.find((effect) => effect.type === "rowsTimedOut");
    if (previous && !isFinal(previous)) assert.ok(timedOut, "a timeout says which rows timed out");
  }

  // Stabilization restarts when a top-level row leaves Success before the period ends.
  if (previous?.state.phase.name === "stabilizing" && event.type === "rowsChanged") {
    const { until } = previous.state.phase;
    const deadlinePassed = until <= event.now || (previous.state.timeoutAt !== null && previous.state.timeoutAt <= event.now);
    // A batch may hold several versions of one row: the last one is what the row is now.
    const latest = new Map(event.upserts.map((row) => [row.key, row]));
    const leaving = [...latest.values()].find((row) => isTopLevel(row) && row.status !== "Success");
    if (!deadlinePassed && leaving) {
      assert.ok(phase.name === "running" || phase.name === "failed", `still ${phase.name} after ${leaving.key} left Success`);
      if (phase.name === "running") {
        const reset = next.effects.find((effect) => effect.type === "stabilizationReset");
        assert.ok(reset, "the reset is reported");
        assert.ok(
          topLevelRows(next).some((row) => row.key === reset.key && row.status !== "Success"),
          "the reset names an object not in Success",
        );
      }
    }
  }
}

function run(options: OutcomeOptions, initial: readonly TrackedRow[], steps: readonly Step[]): OutcomeTransition {
  let now = t0;
  let current = startStepOutcome(options, now, initial);
  const startedAt = (transition: OutcomeTransition) => transition.effects.filter((effect) => effect.type === "stabilizationStarted").at(-1)?.at;
  let since = startedAt(current);
  checkTransition(undefined, { type: "rowsChanged", now, upserts: initial }, current, since);
  const apply = (event: OutcomeEvent) => {
    const next = reduceStepOutcome(current.state, event);
    since = startedAt(next) ?? since;
    checkTransition(current, event, next, since);
    if (isFinal(current)) {
      assert.equal(next.state, current.state, "a finished step never changes");
      assert.deepEqual(next.effects, []);
    }
    current = next;
  };
  for (const step of steps) {
    now += step.afterMs;
    apply(step.kind === "tick" ? { type: "timePassed", now } : { type: "rowsChanged", now, upserts: step.upserts, removedKeys: step.removed });
  }
  // Long after the timeout, a step with one has always finished.
  apply({ type: "timePassed", now: now + 3_600_000 });
  return current;
}

test("property: arbitrary row updates and clock ticks never break the outcome machine's invariants", () => {
  fc.assert(
    fc.property(scenario, ({ options, initial, steps }) => {
      const final = run(options, initial, steps);
      if (options.timeoutSeconds !== null) assert.ok(isFinal(final), "a step with a timeout always ends");
    }),
    { numRuns },
  );
});

test("property: with a timeout and rows that never settle, every InProgress row ends TimedOut", () => {
  fc.assert(
    fc.property(
      optionsArbitrary.map((options) => ({ ...options, timeoutSeconds: options.timeoutSeconds ?? 30 })),
      fc.array(
        rowArbitrary.map((row) => ({ ...row, status: row.status === "Error" ? ("InProgress" as const) : row.status })),
        { minLength: 1, maxLength: 6 },
      ),
      (options, rows) => {
        const withPending = [...rows, { ...shapes[0]!, status: "InProgress" as const, message: "never ready" }];
        const final = run(options, withPending, []);
        assert.equal(final.state.phase.name, "failed");
        assert.deepEqual(
          Object.values(final.state.rows).filter((row) => row.status === "InProgress"),
          [],
        );
      },
    ),
    { numRuns },
  );
});
