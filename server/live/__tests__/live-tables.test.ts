// What a re-joining browser is sent (LiveTables.batchesSince): the batches it misses, nothing when
// it is up to date, and undefined (a fresh table) when they are no longer kept, or when it is ahead
// of this process: a server killed before checkpointing its last batches restarts the step's
// sequence from the checkpoint, so a browser that saw those batches holds rows this process never
// sent (e2e/restart.spec.ts shows it with the real server).
import { test } from "node:test";
import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import { LiveTables } from "../live-tables.ts";
import type { EngineEvents } from "../../deploy/engine-events.ts";
import type { ObjectRowView } from "../../contracts/object-status.ts";

const row = (key: string): ObjectRowView => ({
  key,
  uid: key,
  parentKey: null,
  apiVersion: "v1",
  kind: "Pod",
  namespace: "default",
  name: key,
  status: "InProgress",
  message: "",
  summary: "",
  lastChangeAt: "2026-12-01T12:00:00.000Z",
});

function tablesAt(seqs: number[]) {
  const events = new EventEmitter() as EngineEvents;
  const tables = new LiveTables(events);
  for (const seq of seqs) events.emit("rows", { deploymentId: "d1", batch: { stepRunId: "s1", seq, upserts: [row(`pod-${seq}`)], removals: [] } });
  return tables;
}

test("a browser behind gets the batches it misses, one up to date gets none", () => {
  const tables = tablesAt([4, 5, 6]); // resumed after a restart: the sequence continues from 3
  assert.deepEqual(
    tables.batchesSince("s1", 4)?.map((batch) => batch.seq),
    [5, 6],
  );
  assert.deepEqual(tables.batchesSince("s1", 6), []);
});

test("a browser whose gap is no longer kept gets a fresh table", () => {
  assert.equal(tablesAt([4, 5, 6]).batchesSince("s1", 2), undefined);
});

test("a browser ahead of this process (it saw batches of a killed server) gets a fresh table, not nothing", () => {
  assert.equal(tablesAt([4, 5, 6]).batchesSince("s1", 9), undefined);
  assert.equal(tablesAt([4]).batchesSince("s1", 5), undefined);
});

test("a step this process does not know is read from the database", () => {
  assert.equal(tablesAt([]).batchesSince("s1", 3), undefined);
});
