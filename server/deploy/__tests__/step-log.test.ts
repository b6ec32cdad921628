// The task log survives a database that refuses writes: a failed batch is retried with backoff,
// kept in memory when the database still refuses it, and never rejects the later writes nor
// escapes as an unhandled rejection (which stops Node).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import type { Database } from "../../store/database.ts";
import type { Logger } from "../../logging.ts";
import type { EngineEvents } from "../engine-events.ts";
import { StepLog } from "../step-log.ts";

type Written = { seq: number; message: string };

/** A database whose log writes fail `failures` times, then succeed; `calls` resolves on each call. */
function fakeDb(failures: number) {
  const written: Written[] = [];
  let remaining = failures;
  let calls = 0;
  const waiters: { count: number; resolve: () => void }[] = [];
  const db = {
    stepLogLine: {
      createMany: async ({ data }: { data: Written[] }) => {
        calls++;
        for (const waiter of waiters.filter((w) => calls >= w.count)) waiter.resolve();
        if (remaining-- > 0) throw new Error("SQLITE_BUSY: database is locked");
        written.push(...data.map(({ seq, message }) => ({ seq, message })));
        return { count: data.length };
      },
    },
  } as unknown as Database;
  return {
    db,
    written,
    set failures(n: number) {
      remaining = n;
    },
    calledAtLeast: (count: number) => new Promise<void>((resolve) => (calls >= count ? resolve() : waiters.push({ count, resolve }))),
  };
}

const events = () => new EventEmitter() as unknown as EngineEvents;
const errors: string[] = [];
const logger = { error: (_: unknown, message: string) => errors.push(message), warn: () => undefined } as unknown as Logger;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
before(() => process.on("unhandledRejection", onUnhandled));
after(() => process.off("unhandledRejection", onUnhandled));

test("a write that fails a few times is retried with backoff and every line is stored once", async () => {
  const fake = fakeDb(3);
  const log = new StepLog(fake.db, events(), "d", "s", { logger, retry: { firstDelayMs: 1, maxDelayMs: 4, giveUpAfterMs: 5_000 } });
  log.info("one");
  log.warn("two\nthree");
  await log.flush();
  assert.deepEqual(
    fake.written.map((line) => line.message),
    ["one", "two", "three"],
  );
});

test("a write the database refuses for good is logged, kept, and does not poison the next writes", async () => {
  const fake = fakeDb(1_000);
  errors.length = 0;
  const log = new StepLog(fake.db, events(), "d", "s", { logger, retry: { firstDelayMs: 1, maxDelayMs: 1, giveUpAfterMs: 5 } });
  log.info("before the outage");
  // The timer's own flush (250 ms) is the one that used to reject unobserved.
  await fake.calledAtLeast(1);
  await log.flush();
  assert.equal(fake.written.length, 0);
  assert.ok(
    errors.some((message) => message.includes("kept for the next write")),
    errors.join("\n"),
  );
  fake.failures = 0;
  log.info("after the outage");
  await log.flush();
  assert.deepEqual(
    fake.written.map((line) => [line.seq, line.message]),
    [
      [1, "before the outage"],
      [2, "after the outage"],
    ],
  );
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(unhandled, []);
});

test("the step's last flush outlasts a lock the ordinary writes give up on (the freeze's policy)", async () => {
  const fake = fakeDb(1_000_000);
  // Ordinary writes give up after 20 ms; the last flush is given 5 s.
  const log = new StepLog(fake.db, events(), "d", "s", { logger, retry: { firstDelayMs: 1, maxDelayMs: 2, giveUpAfterMs: 20 } });
  log.info("tracking");
  await log.flush();
  assert.equal(fake.written.length, 0, "the ordinary flush gave up and kept the line");
  log.info("Step succeeded");
  const calls = fake.calledAtLeast(1);
  await calls;
  setTimeout(() => (fake.failures = 0), 100); // the lock is released while the last flush retries
  await log.flush({ firstDelayMs: 5, maxDelayMs: 20, giveUpAfterMs: 5_000 });
  assert.deepEqual(
    fake.written.map((line) => [line.seq, line.message]),
    [
      [1, "tracking"],
      [2, "Step succeeded"],
    ],
  );
});

test("a dropped log (lease lost to another instance) writes and announces none of its pending or later lines", async () => {
  const fake = fakeDb(0);
  const emitter = events();
  const announced: unknown[] = [];
  (emitter as unknown as EventEmitter).on("log", (event) => announced.push(event));
  const log = new StepLog(fake.db, emitter, "d", "s", { logger });
  log.info("written");
  await log.flush();
  log.info("pending when the lease was lost");
  log.drop();
  log.info("after");
  await log.flush();
  assert.deepEqual(
    fake.written.map((line) => line.message),
    ["written"],
  );
  assert.equal(announced.length, 2, "the line after the drop is not announced");
});
