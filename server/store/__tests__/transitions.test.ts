// The frozen part of an object's status history (server/store/transitions.ts): stored as JSON in
// its row, read back exactly, appended after the checkpointed part, and never read wrong quietly.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { frozenTransitionsOf, frozenTransitionsValue, objectHistory } from "../transitions.ts";

const entry = fc
  .record({
    at: fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true }),
    status: fc.constantFrom("InProgress", "Success", "Error", "TimedOut"),
    message: fc.string({ unit: "grapheme" }),
  })
  .map((e) => ({ ...e })); // plain objects (fast-check may make null-prototype ones)

test("a history survives the column as JSON text, entry for entry and in order", () => {
  fc.assert(
    fc.property(fc.array(entry, { minLength: 1, maxLength: 20 }), (entries) => {
      const stored = JSON.parse(JSON.stringify(frozenTransitionsValue(entries)));
      assert.deepEqual(frozenTransitionsOf(stored), entries);
    }),
  );
});

test("no transitions is a null column, and null reads as none", () => {
  assert.equal(frozenTransitionsValue([]), null);
  assert.deepEqual(frozenTransitionsOf(null), []);
});

test("an object's history is the checkpointed part, then the frozen part", () => {
  const at = (s: number) => new Date(Date.UTC(2026, 11, 1, 12, 0, s));
  const checkpointed = [{ at: at(1), status: "InProgress", message: "Waiting" }];
  const frozen = frozenTransitionsValue([{ at: at(5), status: "Success", message: "Ready" }]);
  assert.deepEqual(
    objectHistory(checkpointed, frozen).map((e) => `${e.at.getUTCSeconds()} ${e.status}`),
    ["1 InProgress", "5 Success"],
  );
});

test("a malformed value is an error, not a shorter timeline", () => {
  assert.throws(() => frozenTransitionsOf({ at: "x" }), /not an array/);
  assert.throws(() => frozenTransitionsOf([{ at: "yesterday", status: "Success", message: "" }]), /malformed entry/);
  assert.throws(() => frozenTransitionsOf([{ at: "2026-12-01T00:00:00.000Z", status: 3, message: "" }]), /malformed entry/);
  assert.throws(() => frozenTransitionsOf([null]), /malformed entry/);
});
