// /metrics of a server running a real tracked step on the sandbox: scraped before, while the step
// stabilizes and after it froze, the values move with it (running steps, tracked rows, watch
// connections, event lag, the freeze, a connected browser, the queue). Without the token: 401.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { io as connect } from "socket.io-client";
import { useSandbox, type Sandbox } from "../../sandbox/testing.ts";
import type { TestDatabase } from "../testing/test-database.ts";
import { testToken } from "../testing/test-context.ts";
import { appContext } from "../context.ts";
import { logger } from "../logging.ts";
import { engineEvents, type EngineEventMap } from "../deploy/engine-events.ts";
import { deploymentFinished, deploymentYaml, queueDeployment, setUpDeployments } from "../deploy/testing/deploy-harness.ts";
import { attachSocketServer, type LiveServer } from "../live/socket-server.ts";
import { appMetrics } from "./app-metrics.ts";
import { serveMetrics } from "./metrics-endpoint.ts";
import type { ServerMetrics } from "./server-metrics.ts";

const TOKEN = "integration-metrics-token-0123456789abcdef";
let sandbox: Sandbox;
let database: TestDatabase;
let environmentId: string;
let server: Server;
let io: LiveServer;
let metrics: ServerMetrics;
let base: string;

before(async () => {
  sandbox = await useSandbox();
  ({ database, environmentId } = await setUpDeployments(sandbox));
  metrics = appMetrics(appContext(), { socketClients: () => io.sockets.sockets.size });
  server = createServer((request, response) => {
    if (serveMetrics(request, response, { registry: metrics.registry, token: TOKEN })) return;
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  io = attachSocketServer(server, appContext().db, logger(), { allowedOrigins: [base] });
});
after(async () => {
  await appContext().executor.stop();
  io.close();
  metrics.close();
  await database.cleanup();
  await sandbox.cleanup();
});

/** One scrape, as Prometheus does it: `name{labels}` → value. */
async function scrape(): Promise<(name: string, labels?: Record<string, string>) => number | undefined> {
  const response = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  assert.equal(response.status, 200);
  const samples = new Map<string, number>();
  for (const line of (await response.text()).split("\n")) {
    const match = /^([a-zA-Z_:][\w:]*)(\{.*\})? (\S+)$/.exec(line);
    if (match) samples.set(`${match[1]}${match[2] ?? ""}`, Number(match[3]));
  }
  return (name, labels = {}) => {
    const rendered = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
    return samples.get(rendered.length ? `${name}{${rendered.join(",")}}` : name);
  };
}

const stepPhase = (phase: string) =>
  new Promise<void>((resolve) => {
    const listener = (event: EngineEventMap["step"][0]) => {
      if (event.phase.name !== phase) return;
      engineEvents().off("step", listener);
      resolve();
    };
    engineEvents().on("step", listener);
  });

test("without the bearer token the metrics are refused", async () => {
  assert.equal((await fetch(`${base}/metrics`)).status, 401);
  assert.equal((await fetch(`${base}/metrics`, { headers: { authorization: "Bearer wrong-token-wrong-token-wrong-token" } })).status, 401);
});

test("a tracked step on the sandbox moves the metrics, and they settle when it is frozen", async () => {
  const before = await scrape();
  assert.equal(before("kdeploy_running_steps", { phase: "stabilizing" }), 0);
  assert.equal(before("kdeploy_tracked_objects"), 0);
  assert.equal(before("kdeploy_socket_clients"), 0);
  assert.equal(before("kdeploy_watch_event_lag_seconds_count"), 0);
  assert.equal(before("kdeploy_step_freeze_duration_seconds_count", { saved: "true" }), undefined, "no freeze yet");
  assert.equal(before("kdeploy_lease_takeovers_total"), 0);
  assert.equal(before("kdeploy_database_up"), 1);
  assert.ok((before("process_resident_memory_bytes") ?? 0) > 0, "default process metrics");

  const browser = connect(base, { path: "/socket.io", transports: ["websocket"], reconnection: false, auth: { token: await testToken("team-member") } });
  await new Promise<void>((resolve, reject) => (browser.once("connect", resolve), browser.once("connect_error", reject)));
  try {
    assert.equal((await scrape())("kdeploy_socket_clients"), 1);

    const ns = await sandbox.createNamespace("metrics");
    const stabilizing = stepPhase("stabilizing");
    const id = await queueDeployment(environmentId, [
      { type: "kubernetes-yaml", name: "Apply", config: { yaml: deploymentYaml("web", ns) }, verification: { stabilizationSeconds: 6 } },
    ]);
    const finished = deploymentFinished(id);
    await stabilizing; // 6 s of stabilization: time enough to scrape while the step runs, on a loaded machine too
    const during = await scrape();
    assert.equal(during("kdeploy_running_steps", { phase: "stabilizing" }), 1);
    // The Deployment, its ReplicaSet and two Pods at least.
    assert.ok((during("kdeploy_tracked_objects") ?? 0) >= 4, `tracked objects: ${during("kdeploy_tracked_objects")}`);
    assert.ok((during("kdeploy_watch_connections") ?? 0) >= 1, "the step's watches are open");
    assert.ok((during("kdeploy_watch_event_lag_seconds_count") ?? 0) > 0, "watch events became row batches");
    await finished;

    // A second deployment left in the queue (no executor picks it up).
    await queueDeployment(environmentId, [{ type: "kubernetes-yaml", name: "Later", config: { yaml: deploymentYaml("later", ns) } }], null);
    const afterwards = await scrape();
    for (const phase of ["rendering", "applying", "tracking", "stabilizing"]) assert.equal(afterwards("kdeploy_running_steps", { phase }), 0, phase);
    assert.equal(afterwards("kdeploy_tracked_objects"), 0);
    assert.equal(afterwards("kdeploy_step_freeze_duration_seconds_count", { saved: "true" }), 1);
    assert.ok((afterwards("kdeploy_step_freeze_duration_seconds_sum", { saved: "true" }) ?? 0) > 0);
    assert.ok((afterwards("kdeploy_watch_event_lag_seconds_count") ?? 0) >= (during("kdeploy_watch_event_lag_seconds_count") ?? 0));
    assert.equal(afterwards("kdeploy_deployments_queued"), 1);
    assert.equal(afterwards("kdeploy_watch_errors_total", { code: "403", stalled: "false" }), undefined, "no watch failed");
  } finally {
    browser.disconnect();
  }
});
