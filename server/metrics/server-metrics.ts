// The Prometheus metrics of one server process (prom-client), read from the seams that already
// exist: the engine event bus (steps, row batches, freezes, watch failures), the running trackers,
// the watch hub, the Socket.IO server and the database. Nothing here changes what it observes.
// Served on /metrics by metrics-endpoint.ts; the list with meanings is in docs/operations.md.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { EngineEventMap, EngineEvents } from "../deploy/engine-events.ts";

export type MetricsSources = {
  events: EngineEvents;
  /** The queue depth's one query (a Prisma client). */
  db: { deployment: { count(args: { where: { status: string } }): Promise<number> } };
  /** Open watch streams and those retrying after a failure (the executor's watch hub). */
  watches: () => { streamCount: number; failingStreamCount: number };
  /** The trackers running in this process (server/tracking/running-trackers.ts). */
  trackers: () => Iterable<{ snapshot(): { rows: readonly unknown[] } }>;
  /** Connected Socket.IO clients. */
  socketClients: () => number;
  /** The live fan-out through Redis (server/live/fanout.ts fanoutHealth()); unset: not configured. */
  fanout?: () => { state: string; dropped: number };
  instanceId: string;
  version: string;
};

export type ServerMetrics = { registry: Registry; close(): void };

// Lag is milliseconds when healthy (one setImmediate between an event and its batch); the upper
// buckets catch a blocked event loop (a synchronous SQLite busy wait holds it for seconds).
const LAG_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
// A freeze is one transaction (milliseconds); retries against a locked database last up to 5 minutes.
const FREEZE_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60, 300];
const FINISHED = new Set(["Succeeded", "Failed"]);

export function createServerMetrics(sources: MetricsSources): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  new Gauge({
    name: "kdeploy_instance_info",
    help: "Always 1; the labels say which server process and version this is.",
    labelNames: ["instance_id", "version"],
    registers: [registry],
  }).set({ instance_id: sources.instanceId, version: sources.version }, 1);

  // Steps of this process between "Running" and their final status, by phase.
  const running = new Map<string, { deploymentId: string; phase: string }>();
  new Gauge({
    name: "kdeploy_running_steps",
    help: "Steps this instance is running, by phase (rendering, applying, tracking, stabilizing).",
    labelNames: ["phase"],
    registers: [registry],
    collect() {
      this.reset();
      for (const phase of ["rendering", "applying", "tracking", "stabilizing"]) this.set({ phase }, 0);
      for (const step of running.values()) this.inc({ phase: step.phase });
    },
  });
  new Gauge({
    name: "kdeploy_tracked_objects",
    help: "Rows (Kubernetes objects) in the tables of the steps this instance is tracking.",
    registers: [registry],
    collect() {
      let rows = 0;
      for (const tracker of sources.trackers()) rows += tracker.snapshot().rows.length;
      this.set(rows);
    },
  });
  new Gauge({
    name: "kdeploy_watch_connections",
    help: "Open LIST+WATCH streams to clusters (one per cluster, resource type and namespace, shared by all steps).",
    registers: [registry],
    collect() {
      this.set(sources.watches().streamCount);
    },
  });
  new Gauge({
    name: "kdeploy_watch_connections_failing",
    help: "Watch streams whose last attempt failed and that are retrying (unreachable, forbidden, stalled).",
    registers: [registry],
    collect() {
      this.set(sources.watches().failingStreamCount);
    },
  });
  const watchErrors = new Counter({
    name: "kdeploy_watch_errors_total",
    help: "Failed watch attempts (each is retried), by HTTP status code (none: network error) and whether the watch had stalled.",
    labelNames: ["code", "stalled"],
    registers: [registry],
  });
  const eventLag = new Histogram({
    name: "kdeploy_watch_event_lag_seconds",
    help: "From a watch event reaching a step's tracker to the row batch it caused being emitted to live tables and checkpoints.",
    buckets: LAG_BUCKETS,
    registers: [registry],
  });
  new Gauge({
    name: "kdeploy_socket_clients",
    help: "Browsers connected to this instance's live updates (Socket.IO).",
    registers: [registry],
    collect() {
      this.set(sources.socketClients());
    },
  });
  new Gauge({
    name: "kdeploy_redis_connected",
    help: "1 while this instance's Redis connections (the live fan-out across instances) are ready; 0 while Redis is unreachable or not configured (REDIS_URL unset).",
    registers: [registry],
    collect() {
      this.set(sources.fanout?.().state === "ok" ? 1 : 0);
    },
  });
  new Counter({
    name: "kdeploy_redis_publishes_dropped_total",
    help: "Live events this instance could not publish to the other instances (Redis away); their browsers catch up once Redis is back.",
    registers: [registry],
    collect() {
      this.reset();
      this.inc(sources.fanout?.().dropped ?? 0);
    },
  });
  // One read of the database per scrape, shared by the two gauges below (prom-client collects
  // metrics concurrently); a database that is down keeps the scrape working.
  let databaseRead: Promise<number | undefined> | undefined;
  const readDatabase = () =>
    (databaseRead ??= sources.db.deployment
      .count({ where: { status: "Queued" } })
      .then(
        (count) => count,
        () => undefined,
      )
      .finally(() => (databaseRead = undefined)));
  new Gauge({
    name: "kdeploy_database_up",
    help: "1 when this scrape could read the database, else 0.",
    registers: [registry],
    async collect() {
      this.set((await readDatabase()) === undefined ? 0 : 1);
    },
  });
  // Read from the database, so every instance reports the same number (aggregate with max()).
  new Gauge({
    name: "kdeploy_deployments_queued",
    help: "Deployments waiting to run, over all instances (read from the database at scrape time; the last value stays while it cannot be read).",
    registers: [registry],
    async collect() {
      const queued = await readDatabase();
      if (queued !== undefined) this.set(queued);
    },
  });
  const freezeDuration = new Histogram({
    name: "kdeploy_step_freeze_duration_seconds",
    help: "Writing a finished step's snapshot, with its retries against a busy database; saved=false: it gave up and retries in the background.",
    labelNames: ["saved"],
    buckets: FREEZE_BUCKETS,
    registers: [registry],
  });
  // Incremented when this instance takes over a deployment whose lease expired (server/deploy/queue/).
  const takeovers = new Counter({
    name: "kdeploy_lease_takeovers_total",
    help: "Deployments this instance took over from another whose lease expired.",
    registers: [registry],
  });

  const onStep = ({ deploymentId, stepRunId, status, phase }: EngineEventMap["step"][0]) => {
    if (status === "Running" && phase.name !== "finished") running.set(stepRunId, { deploymentId, phase: phase.name });
    else running.delete(stepRunId);
  };
  // A deployment that ends without a final step event (it could not run at all) leaves no step behind.
  const onDeployment = ({ deploymentId, status }: EngineEventMap["deployment"][0]) => {
    if (!FINISHED.has(status)) return;
    for (const [stepRunId, step] of running) if (step.deploymentId === deploymentId) running.delete(stepRunId);
  };
  const onRows = ({ eventLagMs }: EngineEventMap["rows"][0]) => {
    if (eventLagMs !== undefined) eventLag.observe(eventLagMs / 1000);
  };
  const onFreeze = ({ seconds, saved }: EngineEventMap["freeze"][0]) => freezeDuration.observe({ saved: String(saved) }, seconds);
  const onWatchError = ({ code, stalled }: EngineEventMap["watch-error"][0]) =>
    watchErrors.inc({ code: code === undefined ? "none" : String(code), stalled: String(stalled) });
  sources.events.on("step", onStep);
  sources.events.on("deployment", onDeployment);
  sources.events.on("rows", onRows);
  sources.events.on("freeze", onFreeze);
  sources.events.on("watch-error", onWatchError);
  const onTakeover = () => takeovers.inc();
  sources.events.on("lease-takeover", onTakeover);

  return {
    registry,
    close() {
      sources.events.off("step", onStep);
      sources.events.off("deployment", onDeployment);
      sources.events.off("rows", onRows);
      sources.events.off("freeze", onFreeze);
      sources.events.off("watch-error", onWatchError);
      sources.events.off("lease-takeover", onTakeover);
      registry.clear();
    },
  };
}
