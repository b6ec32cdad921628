// Checkpoints of the status table: a failed write is retried with backoff (its rows are not
// dropped, newer changes win), the server log gets each failure, and the task log gets one warning
// once checkpoints have failed for longer than the threshold, then a line when they work again.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Database } from "../../store/database.ts";
import type { Logger } from "../../logging.ts";
import type { ObjectRowView } from "../../contracts/object-status.ts";
import { Checkpointer } from "../checkpointer.ts";

function fakeDb() {
  const stored = new Map<string, ObjectRowView["status"]>();
  let failing = true;
  let failures = 0;
  const tx = {
    stepRun: { findUnique: async () => ({ frozenAt: null }), update: async () => ({}) },
    objectRow: {
      upsert: async ({ create }: { create: { objectKey: string; status: ObjectRowView["status"] } }) => void stored.set(create.objectKey, create.status),
      deleteMany: async ({ where }: { where: { objectKey: { in: string[] } } }) => where.objectKey.in.forEach((key) => stored.delete(key)),
    },
  };
  const db = {
    $transaction: async (fn: (t: typeof tx) => Promise<void>) => {
      if (failing) {
        failures++;
        throw new Error("SQLITE_BUSY: database is locked");
      }
      return fn(tx);
    },
  } as unknown as Database;
  return {
    db,
    stored,
    get failures() {
      return failures;
    },
    recover: () => (failing = false),
  };
}

const row = (key: string, status: ObjectRowView["status"]): ObjectRowView => ({
  key,
  uid: key,
  parentKey: null,
  apiVersion: "v1",
  kind: "Pod",
  namespace: "ns",
  name: key,
  status,
  message: "",
  summary: "",
  lastChangeAt: new Date().toISOString(),
});

function signal() {
  let resolve!: (message: string) => void;
  const promise = new Promise<string>((r) => (resolve = r));
  return { promise, resolve };
}

test("failing checkpoints are retried, warned about after the threshold, and keep the newest rows", async () => {
  const fake = fakeDb();
  const serverLog: string[] = [];
  const warned = signal();
  const recovered = signal();
  const checkpoint = new Checkpointer(fake.db, "s", new Map(), {
    intervalMs: 1,
    retryDelayMs: [1, 8],
    warnAfterMs: 30,
    logger: { warn: (_: unknown, message: string) => serverLog.push(message) } as unknown as Logger,
    warn: warned.resolve,
    info: recovered.resolve,
  });
  checkpoint.add([row("a", "InProgress"), row("b", "InProgress")], [], 1);
  const warning = await warned.promise;
  assert.match(warning, /^Warning: the status table could not be saved for \d+ s \(SQLITE_BUSY: database is locked\); retrying/);
  assert.ok(fake.failures >= 2, `retried (${fake.failures} attempts)`);
  assert.ok(serverLog.length >= 2 && serverLog.every((line) => line.includes("checkpoint of the status table failed")));
  // Changes arriving during the outage win over the rows of the failed writes.
  checkpoint.add([row("a", "Success")], ["b"], 2);
  fake.recover();
  assert.equal(await recovered.promise, "Checkpoints of the status table are written again.");
  await checkpoint.stop();
  assert.deepEqual([...fake.stored], [["a", "Success"]]);
});

test("a failure shorter than the threshold is retried without a warning in the task log", async () => {
  const fake = fakeDb();
  const warnings: string[] = [];
  const written = signal();
  const checkpoint = new Checkpointer(fake.db, "s", new Map(), { intervalMs: 1, retryDelayMs: [1, 1], warnAfterMs: 60_000, warn: (m) => warnings.push(m) });
  const db = fake.db as unknown as { $transaction: (fn: unknown) => Promise<void> };
  const original = db.$transaction;
  db.$transaction = async (fn) => {
    if (fake.failures >= 1) fake.recover();
    await original(fn);
    if (fake.stored.size) written.resolve("written");
  };
  checkpoint.add([row("a", "InProgress")], [], 1);
  await written.promise;
  await checkpoint.stop();
  assert.deepEqual([...fake.stored], [["a", "InProgress"]]);
  assert.deepEqual(warnings, []);
});
