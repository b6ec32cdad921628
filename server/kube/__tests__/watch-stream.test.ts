import { test } from "node:test";
import assert from "node:assert/strict";
import { WatchStream, type StreamStatus } from "../watch-stream.ts";
import { WatchHub } from "../watch-hub.ts";
import { CHILD_RESOURCES } from "../resources.ts";
import { bookmark, flush, httpError, ManualClock, object, ScriptedTransport } from "./fakes.ts";

const setup = (stallMs = 60_000, configure: (transport: ScriptedTransport) => void = () => {}) => {
  const clock = new ManualClock();
  const transport = new ScriptedTransport();
  configure(transport);
  const events: string[] = [];
  const statuses: string[] = [];
  const raw: StreamStatus[] = [];
  const stream = new WatchStream(transport, { clock, stallMs, minBackoffMs: 100, maxBackoffMs: 1_000, random: () => 0.5 });
  stream.subscribe({
    onEvent: (type, o) => events.push(`${type} ${o.metadata.uid}@${o.metadata.resourceVersion}`),
    onStatus: (s) => (raw.push(s), statuses.push(s.error ? `error ${s.error.code ?? ""}` : s.synced ? "synced" : "syncing")),
  });
  return { clock, transport, events, statuses, raw, stream };
};

test("lists, then watches from the list's resourceVersion; events reach subscribers", async () => {
  const { transport, events, stream } = setup(60_000, (t) => (t.listResult = { items: [object("a", "5")], resourceVersion: "7" }));
  await flush();
  assert.equal(transport.lastSession.resourceVersion, "7");
  transport.lastSession.emit("MODIFIED", object("a", "8"));
  transport.lastSession.emit("ADDED", object("b", "9"));
  transport.lastSession.emit("BOOKMARK", { metadata: { uid: "", name: "", resourceVersion: "12" } });
  transport.lastSession.emit("DELETED", object("a", "13"));
  assert.deepEqual(events, ["ADDED a@5", "MODIFIED a@8", "ADDED b@9", "DELETED a@13"]);
  assert.deepEqual(
    [...stream.objects()].map((o) => o.metadata.uid),
    ["b"],
  );
  stream.stop();
});

test("a normal end resumes from the last resourceVersion (bookmarks included) without relisting", async () => {
  const { clock, transport, stream } = setup();
  await flush();
  await clock.advance(30_000);
  transport.lastSession.emit("BOOKMARK", { metadata: { uid: "", name: "", resourceVersion: "42" } });
  transport.lastSession.end();
  await flush();
  assert.equal(transport.lists, 1);
  assert.equal(transport.sessions.length, 2);
  assert.equal(transport.lastSession.resourceVersion, "42");
  stream.stop();
});

test("410 Gone relists and emits only the differences", async () => {
  const { transport, events, stream } = setup(60_000, (t) => (t.listResult = { items: [object("a", "1"), object("b", "1")], resourceVersion: "2" }));
  await flush();
  transport.listResult = { items: [object("a", "1"), object("c", "3")], resourceVersion: "4" };
  transport.lastSession.emit("ERROR", { code: 410, message: "too old resource version", metadata: { uid: "", name: "" } } as never);
  await flush();
  assert.equal(transport.lists, 2);
  assert.deepEqual(events, ["ADDED a@1", "ADDED b@1", "ADDED c@3", "DELETED b@1"]);
  assert.equal(transport.lastSession.resourceVersion, "4");
  stream.stop();
});

test("network errors back off exponentially and resume; the error is reported then cleared", async () => {
  const { clock, transport, statuses, stream } = setup();
  await flush();
  transport.lastSession.fail(new Error("ECONNRESET"));
  await flush();
  assert.deepEqual(clock.pendingDelays(), [100]);
  await clock.advance(100);
  assert.equal(transport.sessions.length, 2);
  transport.lastSession.fail(new Error("ECONNRESET"));
  await flush();
  assert.deepEqual(
    clock.pendingDelays().filter((d) => d < 60_000),
    [200],
    "doubles",
  );
  await clock.advance(200);
  transport.lastSession.emit("ADDED", object("x", "9"));
  assert.deepEqual(statuses, ["syncing", "synced", "error ", "error ", "synced"]);
  stream.stop();
});

test("403 is reported to subscribers and retried slowly", async () => {
  const { clock, transport, statuses, stream } = setup(60_000, (t) => (t.listError = httpError(403)));
  await flush();
  assert.deepEqual(statuses, ["syncing", "error 403"]);
  assert.deepEqual(clock.pendingDelays(), [500]);
  transport.listError = undefined;
  await clock.advance(500);
  assert.equal(statuses.at(-1), "synced");
  stream.stop();
});

test("a silent watch is detected within the stall window, reported, relisted and re-established", async () => {
  const { clock, transport, events, raw, stream } = setup(90_000, (t) => (t.listResult = { items: [object("a", "1")], resourceVersion: "2" }));
  await flush();
  assert.equal(transport.sessions.length, 1);
  await clock.advance(60_000);
  transport.lastSession.emit("BOOKMARK", bookmark("3"));
  await clock.advance(89_000);
  assert.equal(transport.sessions.length, 1, "a bookmark is liveness: the window restarts from it");
  assert.equal(raw.at(-1)!.error, undefined);
  // The connection died silently after the bookmark; meanwhile b was created.
  transport.listResult = { items: [object("a", "1"), object("b", "5")], resourceVersion: "6" };
  await clock.advance(1_000);
  assert.ok(transport.sessions[0]!.signal.aborted, "the silent watch is given up");
  const stalled = raw.at(-1)!;
  assert.equal(stalled.error?.stalled, true);
  assert.equal(stalled.error?.since, 60_000, "state unknown since the last sign of life");
  assert.match(stalled.error!.message, /no event or bookmark for 90 s/);
  const detectedAt = clock.now();
  assert.equal(detectedAt - 60_000, 90_000, "detected exactly one window after the last sign of life");
  await clock.advance(100);
  assert.equal(transport.lists, 2, "relisted");
  assert.equal(transport.sessions.length, 2, "watching again");
  assert.equal(transport.lastSession.resourceVersion, "6", "from the new list");
  assert.deepEqual(events, ["ADDED a@1", "ADDED b@5"], "what happened while silent is caught up");
  assert.deepEqual(raw.at(-1), { synced: true }, "recovered");
  assert.ok(clock.now() - detectedAt <= 1_000, `re-established ${clock.now() - detectedAt} ms after detection`);
  stream.stop();
});

test("watches that end at once back off with growing delays; a healthy watch resets the backoff", async () => {
  const { clock, transport, stream } = setup();
  await flush();
  const delays: number[] = [];
  for (let i = 0; i < 4; i++) {
    transport.lastSession.end();
    await flush();
    const [delay] = clock.pendingDelays().filter((d) => d < 60_000);
    delays.push(delay!);
    await clock.advance(delay!);
    assert.equal(transport.sessions.length, i + 2);
  }
  assert.deepEqual(delays, [100, 200, 400, 800], "a proxy that closes every watch at once is no hot loop");
  await clock.advance(10_000);
  transport.lastSession.end();
  await flush();
  assert.equal(transport.sessions.length, 6, "a healthy watch that ends (the server's timeout) resumes at once");
  transport.lastSession.end();
  await flush();
  assert.deepEqual(
    clock.pendingDelays().filter((d) => d < 60_000),
    [100],
    "and the backoff starts again from the minimum",
  );
  assert.equal(transport.lists, 1, "normal ends never relist");
  stream.stop();
});

test("the backoff has jitter", async () => {
  const delays = [0, 1].map((r) => {
    const clock = new ManualClock();
    const transport = new ScriptedTransport();
    const stream = new WatchStream(transport, { clock, stallMs: 60_000, minBackoffMs: 1_000, maxBackoffMs: 30_000, random: () => r });
    return { clock, transport, stream };
  });
  await flush();
  const observed: number[] = [];
  for (const { clock, transport, stream } of delays) {
    transport.lastSession.end();
    await flush();
    observed.push(clock.pendingDelays().filter((d) => d < 60_000)[0]!);
    stream.stop();
  }
  assert.deepEqual(observed, [800, 1200]);
});

test("a watch error is cleared once the server accepts a watch again or sends a bookmark, keeping since when", async () => {
  const { clock, transport, raw, stream } = setup();
  await flush();
  await clock.advance(5_000);
  transport.lastSession.fail(new Error("connect ECONNREFUSED 127.0.0.1:6443"));
  await flush();
  assert.equal(raw.at(-1)!.error?.since, 5_000);
  await clock.advance(100);
  transport.lastSession.fail(new Error("connect ECONNREFUSED 127.0.0.1:6443"));
  await flush();
  assert.equal(raw.at(-1)!.error?.since, 5_000, "still the start of the outage");
  await clock.advance(200);
  transport.lastSession.open();
  assert.deepEqual(raw.at(-1), { synced: true }, "accepted: recovered before any change");
  transport.lastSession.fail(new Error("ECONNRESET"));
  await flush();
  assert.equal(raw.at(-1)!.error?.since, clock.now(), "a new outage has its own start");
  await clock.advance(400);
  transport.lastSession.emit("BOOKMARK", bookmark("9"));
  assert.deepEqual(raw.at(-1), { synced: true }, "a bookmark clears it too");
  stream.stop();
});

test("a late subscriber first receives what the stream knows", async () => {
  const { stream } = setup(60_000, (t) => (t.listResult = { items: [object("a", "1")], resourceVersion: "2" }));
  await flush();
  const late: string[] = [];
  stream.subscribe({ onEvent: (type, o) => late.push(`${type} ${o.metadata.uid}`) });
  assert.deepEqual(late, ["ADDED a"]);
  stream.stop();
});

test("the hub shares one stream per resource and namespace and stops it after the last user lingers out", async () => {
  const clock = new ManualClock();
  const transports: ScriptedTransport[] = [];
  const hub = new WatchHub(() => (transports.push(new ScriptedTransport()), transports.at(-1)!), { clock, lingerMs: 5_000 });
  const noop = { onEvent() {} };
  const a = hub.subscribe("c1", CHILD_RESOURCES.Pod, "ns1", noop);
  const b = hub.subscribe("c1", CHILD_RESOURCES.Pod, "ns1", noop);
  const c = hub.subscribe("c1", CHILD_RESOURCES.Pod, "ns2", noop);
  const d = hub.subscribe("c2", CHILD_RESOURCES.Pod, "ns1", noop);
  assert.equal(hub.streamCount, 3);
  a();
  b();
  await clock.advance(4_000);
  const again = hub.subscribe("c1", CHILD_RESOURCES.Pod, "ns1", noop);
  assert.equal(transports.length, 3, "resubscribing within the linger reuses the stream");
  again();
  await clock.advance(5_000);
  assert.equal(hub.streamCount, 2);
  c();
  d();
  await hub.stop();
});

test("the system clock does not fire early for delays beyond setTimeout's 24.8-day limit", async () => {
  const { systemClock } = await import("../clock.ts");
  let fired = false;
  const timer = systemClock.after(365 * 24 * 3600 * 1000, () => (fired = true));
  await new Promise((resolve) => setTimeout(resolve, 50));
  timer.cancel();
  assert.equal(fired, false);
});

test("sleeping on a long-lived signal leaves no abort listener behind once the timer fires", async () => {
  const { EventEmitter } = await import("node:events");
  const { sleep } = await import("../clock.ts");
  const clock = new ManualClock();
  const controller = new AbortController();
  for (let i = 0; i < 50; i++) {
    const slept = sleep(clock, 100, controller.signal);
    await clock.advance(100);
    await slept;
  }
  assert.equal(EventEmitter.getEventListeners(controller.signal, "abort").length, 0);
});

test("the hub holds nothing once it stopped", async () => {
  const clock = new ManualClock();
  const hub = new WatchHub(() => new ScriptedTransport(), { clock, lingerMs: 1_000 });
  const release = hub.subscribe("c1", CHILD_RESOURCES.Pod, "ns1", { onEvent() {} });
  hub.subscribe("c1", CHILD_RESOURCES.Pod, "ns2", { onEvent() {} });
  await flush();
  assert.equal(hub.subscriberCount, 2);
  release();
  assert.equal(hub.subscriberCount, 1);
  await hub.stop();
  assert.equal(hub.streamCount, 0);
  assert.equal(hub.subscriberCount, 0);
});
