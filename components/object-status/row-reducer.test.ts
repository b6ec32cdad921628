import assert from "node:assert/strict";
import { test } from "node:test";
import type { StepTableSnapshot } from "../../server/contracts/live.ts";
import type { ObjectRowView, RowChangeBatch } from "../../server/contracts/object-status.ts";
import { emptyTables, everyStepSettled, orderedSteps, reduceTables, resumePoints, type LiveTables } from "./row-reducer.ts";

const row = (key: string, fields: Partial<ObjectRowView> = {}): ObjectRowView => ({
  key,
  uid: key,
  parentKey: null,
  apiVersion: "v1",
  kind: "Pod",
  namespace: "shop",
  name: `pod-${key}`,
  status: "InProgress",
  message: "",
  summary: "",
  lastChangeAt: "2030-01-01T00:00:00.000Z",
  ...fields,
});

const snapshot = (stepRunId: string, seq: number, rows: ObjectRowView[], fields: Partial<StepTableSnapshot> = {}): StepTableSnapshot => ({
  stepRunId,
  position: 0,
  name: `step ${stepRunId}`,
  status: "Running",
  outcomeMessage: "",
  verificationEnabled: true,
  phase: { name: "tracking", deadlineAt: null },
  frozenAt: null,
  seq,
  rows,
  ...fields,
});

const batch = (stepRunId: string, seq: number, upserts: ObjectRowView[], removals: string[] = []): RowChangeBatch => ({ stepRunId, seq, upserts, removals });

function start(rows: ObjectRowView[], fields: Partial<StepTableSnapshot> = {}): LiveTables {
  return reduceTables(emptyTables, { type: "snapshot", steps: [snapshot("s1", 3, rows, fields)] }).state;
}

test("a delta replaces changed rows and keeps the identity of unchanged ones", () => {
  const a = row("a");
  const b = row("b");
  const state = start([a, b]);
  const { state: next, resync } = reduceTables(state, { type: "delta", batches: [batch("s1", 4, [{ ...a }, row("b", { status: "Success" })])] });
  assert.deepEqual(resync, []);
  const rows = next.steps.s1!.rows;
  assert.equal(rows.get("a"), a, "an upsert equal to the row held keeps the old object");
  assert.notEqual(rows.get("b"), b);
  assert.equal(rows.get("b")!.status, "Success");
  assert.equal(next.steps.s1!.seq, 4);
});

test("a batch that changes nothing keeps the step's rows map", () => {
  const a = row("a");
  const state = start([a]);
  const { state: next } = reduceTables(state, { type: "delta", batches: [batch("s1", 4, [{ ...a }])] });
  assert.equal(next.steps.s1!.rows, state.steps.s1!.rows);
  assert.equal(next.steps.s1!.seq, 4);
});

test("other steps keep their identity when one step changes", () => {
  const state = reduceTables(emptyTables, { type: "snapshot", steps: [snapshot("s1", 1, [row("a")]), snapshot("s2", 1, [row("b")], { position: 1 })] }).state;
  const { state: next } = reduceTables(state, { type: "delta", batches: [batch("s1", 2, [row("c")])] });
  assert.equal(next.steps.s2, state.steps.s2);
  assert.deepEqual(
    orderedSteps(next).map((step) => step.stepRunId),
    ["s1", "s2"],
  );
});

test("removals delete rows; removing an unknown key changes nothing", () => {
  const state = start([row("a"), row("b")]);
  const { state: next } = reduceTables(state, { type: "delta", batches: [batch("s1", 4, [], ["a", "zzz"])] });
  assert.deepEqual([...next.steps.s1!.rows.keys()], ["b"]);
});

test("duplicate and out-of-order batches are ignored", () => {
  const state = start([row("a")]);
  const duplicate = reduceTables(state, { type: "delta", batches: [batch("s1", 3, [row("a", { status: "Error" })])] });
  assert.equal(duplicate.state, state);
  assert.deepEqual(duplicate.resync, []);

  const applied = reduceTables(state, {
    type: "delta",
    batches: [batch("s1", 4, [row("a", { status: "Success" })]), batch("s1", 4, [row("a", { status: "Error" })]), batch("s1", 2, [row("x")])],
  });
  assert.equal(applied.state.steps.s1!.rows.get("a")!.status, "Success");
  assert.equal(applied.state.steps.s1!.rows.has("x"), false);
  assert.equal(applied.state.steps.s1!.seq, 4);
  assert.deepEqual(applied.resync, []);
});

test("consecutive batches in one delta are applied in order", () => {
  const state = start([row("a")]);
  const { state: next } = reduceTables(state, { type: "delta", batches: [batch("s1", 4, [row("b")]), batch("s1", 5, [], ["a"])] });
  assert.deepEqual([...next.steps.s1!.rows.keys()], ["b"]);
  assert.equal(next.steps.s1!.seq, 5);
});

test("a gap drops the batch and asks for a resync of that step", () => {
  const state = start([row("a")]);
  const { state: next, resync } = reduceTables(state, { type: "delta", batches: [batch("s1", 5, [row("b")])] });
  assert.equal(next, state);
  assert.deepEqual(resync, ["s1"]);
  assert.deepEqual(resumePoints(next), { s1: 3 });
});

test("a batch for an unknown step asks for a resync", () => {
  const { resync } = reduceTables(start([]), { type: "delta", batches: [batch("other", 1, [row("a")])] });
  assert.deepEqual(resync, ["other"]);
});

test("a snapshot replaces its step's table and reuses equal rows", () => {
  const a = row("a");
  const state = start([a, row("b")]);
  const { state: next } = reduceTables(state, { type: "snapshot", steps: [snapshot("s1", 9, [{ ...a }, row("c")])] });
  const rows = next.steps.s1!.rows;
  assert.deepEqual([...rows.keys()], ["a", "c"]);
  assert.equal(rows.get("a"), a);
  assert.equal(next.steps.s1!.seq, 9);
});

const frozen = { frozenAt: "2030-01-01T00:01:00.000Z", status: "Succeeded", phase: { name: "finished" } } as const;

test("a frozen step ignores deltas, live snapshots and status changes", () => {
  const state = start([row("a", { status: "Success" })], frozen);
  assert.equal(reduceTables(state, { type: "delta", batches: [batch("s1", 4, [row("a", { status: "Error" })])] }).state, state);
  assert.equal(reduceTables(state, { type: "snapshot", steps: [snapshot("s1", 10, [])] }).state, state);
  assert.equal(
    reduceTables(state, { type: "step-status", stepRunId: "s1", status: "Failed", outcomeMessage: "", phase: { name: "finished" }, frozenAt: null }).state,
    state,
  );
  assert.deepEqual(resumePoints(state), {});
  assert.equal(everyStepSettled(state), true);
});

test("a step status change updates the header and freezes the step", () => {
  const state = start([row("a")]);
  const { state: next } = reduceTables(state, {
    type: "step-status",
    stepRunId: "s1",
    status: "Succeeded",
    outcomeMessage: "Desired state reached",
    phase: { name: "finished" },
    frozenAt: "2030-01-01T00:02:00.000Z",
  });
  const step = next.steps.s1!;
  assert.equal(step.status, "Succeeded");
  assert.equal(step.frozenAt, "2030-01-01T00:02:00.000Z");
  assert.equal(step.rows, state.steps.s1!.rows);
  assert.equal(everyStepSettled(next), true);
  assert.equal(reduceTables(next, { type: "delta", batches: [batch("s1", 4, [row("z")])] }).state, next);
});

test("a frozen step takes its stored table, which may hold batches that arrived after the freeze", () => {
  const a = row("a", { status: "InProgress" });
  const state = start([a], frozen);
  const stored = snapshot("s1", 4, [row("a", { status: "Success" })], frozen);
  const { state: next } = reduceTables(state, { type: "snapshot", steps: [stored] });
  assert.equal(next.steps.s1!.rows.get("a")!.status, "Success");
  assert.equal(next.steps.s1!.seq, 4);
});

// Snapshot parts (server/contracts/live.ts): buffered, the table replaced once all are there.
const partOf = (snapshotId: string, seq: number, index: number, count: number, rows: ObjectRowView[]) => ({
  type: "snapshot" as const,
  steps: [snapshot("s1", seq, rows)],
  part: { snapshotId, stepRunId: "s1", index, count, seq },
});
const keys = (state: LiveTables) => [...(state.steps.s1?.rows.keys() ?? [])];

test("snapshot parts are buffered and the step's table is replaced only once every part is there", () => {
  let state = start([row("old")]);
  state = reduceTables(state, partOf("x", 10, 0, 3, [row("a"), row("b")])).state;
  assert.deepEqual(keys(state), ["old"], "one part of three changes nothing");
  assert.equal(state.steps.s1!.seq, 3);
  state = reduceTables(state, partOf("x", 10, 1, 3, [row("c")])).state;
  assert.deepEqual(keys(state), ["old"]);
  const { state: done, resync } = reduceTables(state, partOf("x", 10, 2, 3, [row("d")]));
  assert.deepEqual(resync, []);
  assert.deepEqual(keys(done), ["a", "b", "c", "d"]);
  assert.equal(done.steps.s1!.seq, 10);
  assert.deepEqual(done.pending ?? {}, {}, "nothing left in the buffer");
});

test("a first join's parts: no table until the last, then the batches that waited, in order", () => {
  let state = emptyTables;
  for (const [index, rows] of [[row("a")], [row("b")]].entries()) {
    state = reduceTables(state, partOf("x", 5, index, 3, rows)).state;
    // A batch of the step meanwhile waits for the snapshot (no resync for a step without a table).
    const update = reduceTables(state, { type: "delta", batches: [batch("s1", 5 + index, [row(`late-${index}`)])] });
    assert.deepEqual(update.resync, []);
    state = update.state;
    assert.equal(state.steps.s1, undefined, "no delta applied before the whole snapshot");
  }
  const done = reduceTables(state, partOf("x", 5, 2, 3, [row("c")]));
  assert.deepEqual(done.resync, []);
  // seq 5 is already in the snapshot (dropped), seq 6 follows it.
  assert.deepEqual(keys(done.state), ["a", "b", "c", "late-1"]);
  assert.equal(done.state.steps.s1!.seq, 6);
});

test("a batch after a complete snapshot with a gap asks for a resync", () => {
  let state = reduceTables(emptyTables, partOf("x", 5, 0, 2, [row("a")])).state;
  state = reduceTables(state, { type: "delta", batches: [batch("s1", 8, [row("z")])] }).state;
  const done = reduceTables(state, partOf("x", 5, 1, 2, [row("b")]));
  assert.deepEqual(done.resync, ["s1"]);
  assert.deepEqual(keys(done.state), ["a", "b"]);
  assert.equal(done.state.steps.s1!.seq, 5);
});

test("an incomplete snapshot superseded by a newer one is discarded; stray parts of it are ignored", () => {
  let state = start([row("old")]);
  state = reduceTables(state, partOf("first", 10, 0, 2, [row("stale-a")])).state;
  state = reduceTables(state, partOf("second", 12, 0, 2, [row("a")])).state;
  // The rest of the first snapshot (from a connection since lost) must not complete anything.
  state = reduceTables(state, partOf("first", 10, 1, 2, [row("stale-b")])).state;
  assert.deepEqual(keys(state), ["old"]);
  const done = reduceTables(state, partOf("second", 12, 1, 2, [row("b")])).state;
  assert.deepEqual(keys(done), ["a", "b"], "only the newer snapshot's rows");
  assert.equal(done.steps.s1!.seq, 12);
  // A part sent twice is taken once.
  let twice = reduceTables(emptyTables, partOf("y", 1, 0, 2, [row("p")])).state;
  twice = reduceTables(twice, partOf("y", 1, 0, 2, [row("q")])).state;
  assert.equal(twice.steps.s1, undefined);
  assert.deepEqual(keys(reduceTables(twice, partOf("y", 1, 1, 2, [row("r")])).state), ["p", "r"]);
});

test("after a reconnect the buffered parts are discarded, and the batches of the step apply again", () => {
  let state = start([row("old")]);
  state = reduceTables(state, partOf("x", 10, 0, 2, [row("a")])).state;
  state = reduceTables(state, { type: "discard-parts" }).state;
  assert.deepEqual(state.pending ?? {}, {});
  state = reduceTables(state, partOf("x", 10, 1, 2, [row("b")])).state;
  assert.deepEqual(keys(state), ["old"], "the rest of a discarded snapshot completes nothing");
  const next = reduceTables(state, { type: "delta", batches: [batch("s1", 4, [row("new")])] });
  assert.deepEqual(keys(next.state), ["old", "new"]);
});

test("a single-part snapshot applies at once, and status changes keep the buffer", () => {
  let state = reduceTables(emptyTables, partOf("x", 2, 0, 1, [row("a")])).state;
  assert.deepEqual(keys(state), ["a"]);
  state = reduceTables(state, { ...partOf("y", 4, 0, 2, [row("b")]) }).state;
  state = reduceTables(state, {
    type: "step-status",
    stepRunId: "s1",
    status: "Running",
    outcomeMessage: "",
    phase: { name: "applying" },
    frozenAt: null,
  }).state;
  assert.equal(state.pending?.s1?.received, 1);
  assert.deepEqual(keys(reduceTables(state, partOf("y", 4, 1, 2, [row("c")])).state), ["b", "c"]);
});
