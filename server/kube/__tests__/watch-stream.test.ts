import { test } from "node:test";
import assert from "node:assert/strict";
import { WatchStream } from "../watch-stream.ts";
import { WatchHub } from "../watch-hub.ts";
import { CHILD_RESOURCES } from "../resources.ts";
import { flush, httpError, ManualClock, object, ScriptedTransport } from "./fakes.ts";

const setup = (stallMs = 60_000, configure: (transport: ScriptedTransport) => void = () => {}) => {
  const clock = new ManualClock();
  const transport = new ScriptedTransport();
  configure(transport);
  const events: string[] = [];
  const statuses: string[] = [];
  const stream = new WatchStream(transport, { clock, stallMs, minBackoffMs: 100, maxBackoffMs: 1_000, random: () => 0.5 });
  stream.subscribe({
    onEvent: (type, o) => events.push(`${type} ${o.metadata.uid}@${o.metadata.resourceVersion}`),
    onStatus: (s) => statuses.push(s.error ? `error ${s.error.code ?? ""}` : s.synced ? "synced" : "syncing"),
  });
  return { clock, transport, events, statuses, stream };
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
  const { transport, stream } = setup();
  await flush();
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

test("a silent watch is restarted after the stall limit", async () => {
  const { clock, transport, stream } = setup(10_000);
  await flush();
  assert.equal(transport.sessions.length, 1);
  await clock.advance(9_000);
  transport.lastSession.emit("BOOKMARK", { metadata: { uid: "", name: "", resourceVersion: "3" } });
  await clock.advance(9_000);
  assert.equal(transport.sessions.length, 1, "a bookmark resets the stall timer");
  await clock.advance(1_500);
  await clock.advance(200);
  assert.equal(transport.sessions.length, 2);
  assert.ok(transport.sessions[0]!.signal.aborted);
  assert.equal(transport.lastSession.resourceVersion, "3");
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
