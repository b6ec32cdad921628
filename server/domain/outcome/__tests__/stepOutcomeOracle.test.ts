// The incremental outcome machine (issue 12: per batch O(changed rows), the rows record updated in
// place) against the one it replaced, which copied and scanned every row at every batch
// (referenceOutcome.ts): for arbitrary rows, batches, removals and clock ticks, every transition
// (state, effects in order, next wake-up) is exactly the same.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import type { OutcomeEvent, OutcomeOptions, OutcomeTransition } from "../outcomeTypes";
import { reduceStepOutcome, startStepOutcome } from "../stepOutcome";
import type { TrackedRow } from "../trackedRow";
import { reduceReferenceOutcome, startReferenceOutcome } from "./referenceOutcome";
import { t0 } from "./outcomeTestHelpers";

const shapes: readonly Omit<TrackedRow, "status" | "message">[] = [
  { key: "Deployment/web", parentKey: null, kind: "Deployment", namespace: "shop", name: "web" },
  { key: "StatefulSet/db", parentKey: null, kind: "StatefulSet", namespace: "shop", name: "db" },
  { key: "Job/migrate", parentKey: null, kind: "Job", namespace: "shop", name: "migrate" },
  { key: "Service/web", parentKey: null, kind: "Service", namespace: "shop", name: "web" },
  { key: "ReplicaSet/web-1", parentKey: "Deployment/web", kind: "ReplicaSet", namespace: "shop", name: "web-1" },
  { key: "Pod/web-1-a", parentKey: "ReplicaSet/web-1", kind: "Pod", namespace: "shop", name: "web-1-a" },
  { key: "Pod/web-1-b", parentKey: "ReplicaSet/web-1", kind: "Pod", namespace: "shop", name: "web-1-b" },
  { key: "Pod/db-0", parentKey: "StatefulSet/db", kind: "Pod", namespace: "shop", name: "db-0" },
  { key: "Pod/migrate-x", parentKey: "Job/migrate", kind: "Pod", namespace: "shop", name: "migrate-x" },
];
const keys = shapes.map((shape) => shape.key);

const row: fc.Arbitrary<TrackedRow> = fc
  .record({ shape: fc.constantFrom(...shapes), status: fc.constantFrom("InProgress", "Success", "Success", "Error"), message: fc.constantFrom("", "a", "b") })
  .map(({ shape, status, message }) => ({ ...shape, status, message }) as TrackedRow);

const options: fc.Arbitrary<OutcomeOptions> = fc.record({
  timeoutSeconds: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
  stabilizationSeconds: fc.integer({ min: 0, max: 20 }),
  podsCannotStart: fc.option(fc.record({ graceSeconds: fc.integer({ min: 0, max: 30 }) }), { freq: 2, nil: null }),
});

const step = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      afterMs: fc.integer({ min: 0, max: 8_000 }),
      upserts: fc.array(row, { maxLength: 5 }),
      removed: fc.oneof({ weight: 4, arbitrary: fc.constant<string[]>([]) }, { weight: 1, arbitrary: fc.subarray([...keys], { maxLength: 3 }) }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ afterMs: fc.integer({ min: 0, max: 25_000 }) }) },
);

const same = (actual: OutcomeTransition, expected: OutcomeTransition, what: string) => {
  assert.deepEqual(actual.state, expected.state, `${what}: state`);
  assert.deepEqual(actual.effects, expected.effects, `${what}: effects`);
  assert.equal(actual.nextWakeAt, expected.nextWakeAt, `${what}: next wake-up`);
};

test("property: the incremental outcome machine gives exactly the transitions of the full recomputation", () => {
  fc.assert(
    fc.property(options, fc.array(row, { maxLength: 6 }), fc.array(step, { maxLength: 30 }), (opts, initial, steps) => {
      let now = t0;
      let ours = startStepOutcome(opts, now, initial);
      let reference = startReferenceOutcome(opts, now, initial);
      same(ours, reference, "start");
      steps.forEach((s, i) => {
        now += s.afterMs;
        const event: OutcomeEvent = "upserts" in s ? { type: "rowsChanged", now, upserts: s.upserts, removedKeys: s.removed } : { type: "timePassed", now };
        ours = reduceStepOutcome(ours.state, event);
        reference = reduceReferenceOutcome(reference.state, event);
        same(ours, reference, `step ${i}`);
      });
    }),
    { numRuns: 400 },
  );
});

test("a state reduced a second time (not the newest of its line) leaves the newest one's rows alone", () => {
  const opts: OutcomeOptions = { timeoutSeconds: 60, stabilizationSeconds: 10, podsCannotStart: null };
  const start = startStepOutcome(opts, t0, [{ ...shapes[0]!, status: "InProgress", message: "" }]);
  const newest = reduceStepOutcome(start.state, { type: "rowsChanged", now: t0 + 1_000, upserts: [{ ...shapes[3]!, status: "InProgress", message: "" }] });
  // `start` is no longer the newest: its branch works on a copy.
  const branch = reduceStepOutcome(start.state, { type: "rowsChanged", now: t0 + 2_000, upserts: [{ ...shapes[0]!, status: "Error", message: "x" }] });
  assert.equal(branch.state.phase.name, "failed");
  assert.equal(newest.state.rows["Deployment/web"]?.status, "InProgress");
  const next = reduceStepOutcome(newest.state, { type: "rowsChanged", now: t0 + 3_000, upserts: [{ ...shapes[0]!, status: "Success", message: "" }] });
  assert.equal(next.state.phase.name, "running", "Service/web is still InProgress");
  assert.equal(next.state.rows, newest.state.rows, "the newest state's rows were updated in place");
});
