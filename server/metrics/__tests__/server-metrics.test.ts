// The metrics follow what the engine, the watch hub, the trackers and the sockets report: each
// value moves with the event or state it counts, and the scrape survives a database that is down.
import { test } from "node:test";
import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import { Writable } from "node:stream";
import type { EngineEventMap, EngineEvents } from "../../deploy/engine-events.ts";
import { WatchHub } from "../../kube/watch-hub.ts";
import { CHILD_RESOURCES } from "../../kube/resources.ts";
import { flush, httpError, ManualClock, ScriptedTransport } from "../../kube/__tests__/fakes.ts";
import { logTo } from "../../logging.ts";
import { createServerMetrics, type MetricsSources } from "../server-metrics.ts";

type Sample = { labels: Record<string, string | number>; value: number; metricName?: string };

/** The value of one sample (a histogram's _bucket/_sum/_count included), undefined when absent. */
async function value(metrics: ReturnType<typeof createServerMetrics>, name: string, labels: Record<string, string> = {}) {
  const all = (await metrics.registry.getMetricsAsJSON()) as unknown as { name: string; values: Sample[] }[];
  const found = all
    .flatMap((metric) => metric.values.map((sample) => ({ ...sample, metricName: sample.metricName ?? metric.name })))
    .find((sample) => sample.metricName === name && Object.entries(labels).every(([key, wanted]) => String(sample.labels[key]) === wanted));
  return found?.value;
}

function setup(overrides: Partial<MetricsSources> = {}) {
  const events: EngineEvents = new EventEmitter<EngineEventMap>();
  const state = { streams: 0, failing: 0, rows: [] as unknown[][], sockets: 0, queued: 0, databaseDown: false };
  const metrics = createServerMetrics({
    events,
    db: {
      deployment: {
        count: async () => {
          if (state.databaseDown) throw new Error("database is locked");
          return state.queued;
        },
      },
    },
    watches: () => ({ streamCount: state.streams, failingStreamCount: state.failing }),
    trackers: () => state.rows.map((rows) => ({ snapshot: () => ({ rows }) })),
    socketClients: () => state.sockets,
    instanceId: "kdeploy-0",
    version: "1.2.3",
    ...overrides,
  });
  return { events, state, metrics };
}

test("running steps follow step events by phase, and a deployment that ends clears its steps", async () => {
  const { events, metrics } = setup();
  const step = (stepRunId: string, status: EngineEventMap["step"][0]["status"], phase: EngineEventMap["step"][0]["phase"]) =>
    events.emit("step", { deploymentId: "d1", stepRunId, status, phase });
  assert.equal(await value(metrics, "kdeploy_running_steps", { phase: "tracking" }), 0);
  step("s1", "Running", { name: "rendering" });
  step("s2", "Running", { name: "rendering" });
  assert.equal(await value(metrics, "kdeploy_running_steps", { phase: "rendering" }), 2);
  step("s1", "Running", { name: "tracking", deadlineAt: null });
  assert.equal(await value(metrics, "kdeploy_running_steps", { phase: "rendering" }), 1);
  assert.equal(await value(metrics, "kdeploy_running_steps", { phase: "tracking" }), 1);
  step("s1", "Succeeded", { name: "finished" });
  assert.equal(await value(metrics, "kdeploy_running_steps", { phase: "tracking" }), 0);
  // s2 never sends a final step event (its deployment could not run): the deployment's end clears it.
  events.emit("deployment", { deploymentId: "d1", status: "Failed" });
  assert.equal(await value(metrics, "kdeploy_running_steps", { phase: "rendering" }), 0);
  metrics.close();
});

test("event lag, freeze duration and watch errors are observed from the engine's events", async () => {
  const { events, metrics } = setup();
  const batch = { stepRunId: "s1", seq: 1, upserts: [], removals: [] };
  events.emit("rows", { deploymentId: "d1", batch }); // the initial table answers no watch event
  events.emit("rows", { deploymentId: "d1", batch, eventLagMs: 3 });
  events.emit("rows", { deploymentId: "d1", batch, eventLagMs: 700 });
  assert.equal(await value(metrics, "kdeploy_watch_event_lag_seconds_count"), 2);
  assert.equal(await value(metrics, "kdeploy_watch_event_lag_seconds_bucket", { le: "0.005" }), 1);
  assert.ok(Math.abs((await value(metrics, "kdeploy_watch_event_lag_seconds_sum"))! - 0.703) < 1e-9);

  events.emit("freeze", { stepRunId: "s1", seconds: 0.02, saved: true });
  events.emit("freeze", { stepRunId: "s2", seconds: 300, saved: false });
  assert.equal(await value(metrics, "kdeploy_step_freeze_duration_seconds_count", { saved: "true" }), 1);
  assert.equal(await value(metrics, "kdeploy_step_freeze_duration_seconds_count", { saved: "false" }), 1);

  events.emit("watch-error", { code: 403, stalled: false });
  events.emit("watch-error", { code: 403, stalled: false });
  events.emit("watch-error", { stalled: true });
  assert.equal(await value(metrics, "kdeploy_watch_errors_total", { code: "403", stalled: "false" }), 2);
  assert.equal(await value(metrics, "kdeploy_watch_errors_total", { code: "none", stalled: "true" }), 1);
  assert.equal(await value(metrics, "kdeploy_lease_takeovers_total"), 0);
  events.emit("lease-takeover", { deploymentId: "d1", from: "instance-a", to: "instance-b" });
  assert.equal(await value(metrics, "kdeploy_lease_takeovers_total"), 1);
  metrics.close();
  events.emit("freeze", { stepRunId: "s3", seconds: 1, saved: true });
  assert.equal(events.listenerCount("freeze"), 0, "close() lets go of the engine events");
  assert.equal(events.listenerCount("lease-takeover"), 0);
});

test("state read at scrape time: tracked rows, watch streams, sockets, queue depth; a database down keeps the scrape working", async () => {
  const { state, metrics } = setup();
  state.rows = [[1, 2, 3], [4]];
  state.streams = 5;
  state.failing = 1;
  state.sockets = 2;
  state.queued = 3;
  assert.equal(await value(metrics, "kdeploy_tracked_objects"), 4);
  assert.equal(await value(metrics, "kdeploy_watch_connections"), 5);
  assert.equal(await value(metrics, "kdeploy_watch_connections_failing"), 1);
  assert.equal(await value(metrics, "kdeploy_socket_clients"), 2);
  assert.equal(await value(metrics, "kdeploy_deployments_queued"), 3);
  assert.equal(await value(metrics, "kdeploy_database_up"), 1);
  assert.equal(await value(metrics, "kdeploy_instance_info", { instance_id: "kdeploy-0", version: "1.2.3" }), 1);
  state.databaseDown = true;
  const text = await metrics.registry.metrics();
  assert.match(text, /^kdeploy_database_up 0$/m);
  assert.match(text, /^kdeploy_deployments_queued 3$/m, "the last known depth stays");
  assert.match(text, /^process_resident_memory_bytes \d+/m, "prom-client's default process metrics");
  assert.match(text, /^nodejs_eventloop_lag_seconds /m);
  metrics.close();
});

test("the watch hub reports each stream failure and counts the streams that are failing", async () => {
  const clock = new ManualClock();
  const transport = new ScriptedTransport();
  transport.listError = httpError(403);
  const errors: { code?: number; stalled: boolean }[] = [];
  const hub = new WatchHub(() => transport, { clock, minBackoffMs: 100, maxBackoffMs: 1_000, onStreamError: (error) => errors.push(error) });
  const unsubscribe = hub.subscribe("c", CHILD_RESOURCES.Pod, "ns", { onEvent: () => {} });
  await flush();
  assert.deepEqual(errors, [{ code: 403, stalled: false }]);
  assert.equal(hub.failingStreamCount, 1);
  transport.listError = undefined;
  await clock.advance(1_000);
  await flush();
  transport.lastSession.open();
  assert.equal(hub.failingStreamCount, 0, "the first sign of life clears the failure");
  unsubscribe();
  await hub.stop();
});

test("every log line names the instance that wrote it (KDEPLOY_INSTANCE_ID)", () => {
  const lines: string[] = [];
  const previous = process.env.KDEPLOY_INSTANCE_ID;
  process.env.KDEPLOY_INSTANCE_ID = "kdeploy-7f9c-abcde";
  try {
    const log = logTo(new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString()), done()) }), "info");
    log.child({ module: "executor" }).info("hello");
  } finally {
    if (previous === undefined) delete process.env.KDEPLOY_INSTANCE_ID;
    else process.env.KDEPLOY_INSTANCE_ID = previous;
  }
  const line = JSON.parse(lines[0]!) as Record<string, unknown>;
  assert.equal(line.instance, "kdeploy-7f9c-abcde");
  assert.equal(line.service, "kdeploy");
});

test("Redis: connected is 1 only while the fan-out is ok, dropped publishes are the fan-out's count; without Redis 0 and 0", async () => {
  const fanout = { state: "connecting", dropped: 0 };
  const { metrics } = setup({ fanout: () => fanout });
  assert.equal(await value(metrics, "kdeploy_redis_connected"), 0);
  fanout.state = "ok";
  assert.equal(await value(metrics, "kdeploy_redis_connected"), 1);
  assert.equal(await value(metrics, "kdeploy_redis_publishes_dropped_total"), 0);
  fanout.state = "unavailable";
  fanout.dropped = 7;
  assert.equal(await value(metrics, "kdeploy_redis_connected"), 0);
  assert.equal(await value(metrics, "kdeploy_redis_publishes_dropped_total"), 7);
  fanout.state = "ok";
  fanout.dropped = 9;
  assert.equal(await value(metrics, "kdeploy_redis_connected"), 1);
  assert.equal(await value(metrics, "kdeploy_redis_publishes_dropped_total"), 9, "read again at every scrape, never added twice");

  const { metrics: single } = setup();
  assert.equal(await value(single, "kdeploy_redis_connected"), 0);
  assert.equal(await value(single, "kdeploy_redis_publishes_dropped_total"), 0);
});
