// Watch liveness against the sandbox's real kube-apiserver: a bookmark arrives before a watch's
// server-side timeout once the resource's resourceVersion moved on (kube-apiserver sends none on
// a quiet type: there the server's own end of the watch is the sign of life, which is why the
// watch timeout is shorter than the stall window), and a watch that goes silent without
// closing (a TCP proxy on 127.0.0.1 that stops forwarding, sockets left open) is detected
// within the stall window, relisted and re-established, with nothing missed.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createConnection, createServer, type Server, type Socket } from "node:net";
import { CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import { useSandbox, type Sandbox } from "../../sandbox/testing.ts";
import { systemClock } from "../kube/clock.ts";
import { httpTransport } from "../kube/http-transport.ts";
import { CHILD_RESOURCES } from "../kube/resources.ts";
import { WatchStream, type KubeObject, type StreamStatus, type WatchTransport } from "../kube/watch-stream.ts";
import { CountingRequests, createObjects, track } from "./tracker-harness.ts";

let sandbox: Sandbox;
before(async () => {
  sandbox = await useSandbox();
});
after(async () => sandbox.cleanup());

/**
 * Forwards 127.0.0.1:<port> to the API server. `freeze()`: every open connection stops
 * forwarding (kept open; new ones still work). `down()`: the port refuses connections and open
 * ones are cut (an API server that is gone); `up()`: it forwards again on the same port.
 */
async function faultyProxy(target: URL): Promise<{ url: string; freeze(): void; down(): Promise<void>; up(): Promise<void>; close(): Promise<void> }> {
  const pairs: [Socket, Socket][] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = createConnection({ host: target.hostname, port: Number(target.port) });
    client.pipe(upstream);
    upstream.pipe(client);
    const drop = () => (client.destroy(), upstream.destroy());
    client.on("error", drop);
    upstream.on("error", drop);
    pairs.push([client, upstream]);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.once("close", () => sockets.delete(socket));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  const down = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      pairs.splice(0);
      if (!server.listening) return resolve();
      server.close(() => resolve());
    });
  return {
    url: `https://127.0.0.1:${port}`,
    freeze() {
      for (const [client, upstream] of pairs.splice(0)) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        client.pause();
        upstream.pause();
      }
    },
    down,
    up: () => new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve)),
    close: down,
  };
}

function throughProxy(kubeConfig: KubeConfig, server: string): KubeConfig {
  const copy = new KubeConfig();
  copy.loadFromString(kubeConfig.exportConfig());
  const cluster = copy.getCurrentCluster()!;
  const clusters = copy.clusters.map((c) => (c.name === cluster.name ? { ...c, server } : c));
  copy.loadFromOptions({ clusters, users: copy.users, contexts: copy.contexts, currentContext: copy.currentContext });
  return copy;
}

const recording = (transport: WatchTransport, seen: string[]): WatchTransport => ({
  list: (signal) => transport.list(signal),
  watch: (resourceVersion, signal, onEvent, onOpen) =>
    transport.watch(resourceVersion, signal, (type, object) => (seen.push(type), onEvent(type, object)), onOpen),
});

const until = async (condition: () => boolean, timeoutMs: number, what: string) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

const pod = (name: string) => ({ metadata: { name }, spec: { containers: [{ name: "app", image: "nginx:1.27" }] } });

test("kube-apiserver sends a bookmark on our watch before its server-side timeout once pods changed anywhere", async () => {
  const namespace = await sandbox.createNamespace("bookmarks");
  const elsewhere = await sandbox.createNamespace("bookmarks-other");
  const core = sandbox.kubeConfig.makeApiClient(CoreV1Api);
  const seen: string[] = [];
  // A 4 s watch: the server's bookmark comes 2 s before the deadline (with a 60 s watch, 58 s:
  // inside the 90 s stall window), carrying the pods' newer resourceVersion.
  const transport = recording(httpTransport(sandbox.kubeConfig, CHILD_RESOURCES.Pod, namespace, undefined, { watchTimeoutSeconds: 4 }), seen);
  const stream = new WatchStream(transport, { clock: systemClock, stallMs: 10_000 });
  const started = Date.now();
  try {
    await until(() => stream.currentStatus.synced, 10_000, "the first list");
    await core.createNamespacedPod({ namespace: elsewhere, body: pod("elsewhere") });
    await until(() => seen.includes("BOOKMARK"), 10_000, "a bookmark");
  } finally {
    stream.stop();
    await stream.done;
  }
  const elapsed = Date.now() - started;
  console.log(`first bookmark after ${elapsed} ms on a 4 s watch`);
  assert.ok(elapsed < 4_000, `bookmark after ${elapsed} ms, before the server's end of the watch`);
  assert.ok(!seen.includes("ADDED"), "no event of our namespace: the bookmark alone kept it alive");
});

test("a watch that goes silent without closing is detected within the stall window and re-established, nothing missed", async () => {
  const namespace = await sandbox.createNamespace("silent");
  const core = sandbox.kubeConfig.makeApiClient(CoreV1Api);
  const proxy = await faultyProxy(new URL(sandbox.serverUrl));
  const statuses: { at: number; status: StreamStatus }[] = [];
  const events: string[] = [];
  const stallMs = 4_000;
  // The server ends each watch after 3 s (shorter than the window), as in production (60 s vs 90 s).
  const transport = httpTransport(throughProxy(sandbox.kubeConfig, proxy.url), CHILD_RESOURCES.Pod, namespace, undefined, { watchTimeoutSeconds: 3 });
  const stream = new WatchStream(transport, { clock: systemClock, stallMs, minBackoffMs: 200 });
  stream.subscribe({
    onEvent: (type, object: KubeObject) => events.push(`${type} ${object.metadata.name}`),
    onStatus: (status) => statuses.push({ at: Date.now(), status }),
  });
  try {
    await until(() => statuses.some((s) => s.status.synced), 10_000, "the first list");
    // Healthy for longer than the window: normal ends and bookmarks keep it alive.
    await core.createNamespacedPod({ namespace, body: pod("before") });
    await until(() => events.includes("ADDED before"), 10_000, "the first pod");
    await new Promise((resolve) => setTimeout(resolve, stallMs + 2_000));
    assert.ok(!statuses.some((s) => s.status.error), `no false stall: ${JSON.stringify(statuses)}`);

    proxy.freeze();
    const frozenAt = Date.now();
    await core.createNamespacedPod({ namespace, body: pod("while-silent") });
    await until(() => statuses.some((s) => s.status.error?.stalled), stallMs + 5_000, "stall detection");
    const stalled = statuses.find((s) => s.status.error?.stalled)!;
    const detectedAt = stalled.at;
    const lastSignOfLife = stalled.status.error!.since;
    await until(() => events.includes("ADDED while-silent"), 20_000, "the pod created while silent");
    const recoveredAt = Date.now();
    await until(() => !stream.currentStatus.error, 5_000, "the error to clear");
    console.log(
      `silent watch: detected ${detectedAt - lastSignOfLife} ms after its last sign of life and ${detectedAt - frozenAt} ms after the freeze (window ${stallMs} ms), caught up ${recoveredAt - detectedAt} ms later`,
    );
    assert.ok(detectedAt - lastSignOfLife >= stallMs - 5 && detectedAt - lastSignOfLife <= stallMs + 1_500, "one window after the last sign of life");
    assert.ok(detectedAt - frozenAt <= stallMs + 2_000, `detected after ${detectedAt - frozenAt} ms`);
    assert.ok(recoveredAt - detectedAt <= 5_000, `re-established after ${recoveredAt - detectedAt} ms`);
  } finally {
    stream.stop();
    await stream.done;
    await proxy.close();
  }
});

// The system clock's timers do not hold the process (a server's sockets do): while every
// connection is down, this keeps the test process alive until the tracker decides.
const holdProcess = () => {
  const timer = setInterval(() => undefined, 1_000);
  return () => clearInterval(timer);
};

const deployment = (name: string, namespace: string, readyAfter: string) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name, namespace },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name }, annotations: { "sandbox.kdeploy.dev/ready-after": readyAfter } },
      spec: { containers: [{ name: "app", image: "nginx:1.27" }] },
    },
  },
});

test("the API server unreachable past the step timeout: Timed out, the outcome says the cluster was unreachable, rows say since when", async () => {
  const namespace = await sandbox.createNamespace("unreachable");
  const proxy = await faultyProxy(new URL(sandbox.serverUrl));
  const release = holdProcess();
  try {
    const objects = await createObjects(sandbox.kubeConfig, [deployment("web", namespace, "300s")]);
    const counter = new CountingRequests();
    let podRows = 0;
    const tracking = track(
      throughProxy(sandbox.kubeConfig, proxy.url),
      objects,
      { waitForJobs: true, outcome: { timeoutSeconds: 10, stabilizationSeconds: 1, podsCannotStart: null } },
      counter,
      (batch) => (podRows += batch.upserts.filter((row) => row.kind === "Pod" && !/state unknown/.test(row.message)).length),
    );
    await until(() => counter.counts.watch >= 3 && podRows > 0, 7_000, "the three watches and a pod row");
    await proxy.down();
    const { result, log } = await tracking;
    assert.equal(result.outcome, "TimedOut", log.join("\n"));
    assert.match(result.watchProblem ?? "", /^The cluster was unreachable since \d\d:\d\d:\d\d: every watch failed \(.*ECONNREFUSED/);
    assert.ok(
      log.some((line) => line.startsWith("error: Step timed out while objects were still in progress. The cluster was unreachable since")),
      log.join("\n"),
    );
    for (const plural of ["deployments", "replicasets", "pods"])
      assert.ok(
        log.some((line) => line.startsWith(`warning: Watching ${plural} in ${namespace} failed:`)),
        `every failed watch is named (${plural})`,
      );
    const top = result.rows.find((row) => row.kind === "Deployment")!;
    assert.equal(top.status, "TimedOut");
    assert.match(top.message, /state unknown since \d\d:\d\d:\d\d: cannot watch deployments \(.*ECONNREFUSED/);
    const pods = result.rows.filter((row) => row.kind === "Pod");
    assert.ok(pods.length > 0 && pods.every((row) => /state unknown since/.test(row.message)), "pod rows do not pass their last state off as current");
  } finally {
    release();
    await proxy.close();
  }
});

test("after the API server comes back, the watches recover by themselves, the log says so and no stale suffix stays", async () => {
  const namespace = await sandbox.createNamespace("comeback");
  const proxy = await faultyProxy(new URL(sandbox.serverUrl));
  const release = holdProcess();
  try {
    const objects = await createObjects(sandbox.kubeConfig, [deployment("web", namespace, "1s")]);
    const counter = new CountingRequests();
    const tracking = track(
      throughProxy(sandbox.kubeConfig, proxy.url),
      objects,
      { waitForJobs: true, outcome: { timeoutSeconds: 60, stabilizationSeconds: 2, podsCannotStart: null } },
      counter,
    );
    await until(() => counter.counts.watch >= 3, 10_000, "the three watches");
    await proxy.down();
    const downAt = Date.now();
    const failedWatches = () => counter.counts.watch;
    const before = failedWatches();
    await until(() => failedWatches() > before, 10_000, "a failed reconnection");
    await proxy.up();
    const { result, log } = await tracking;
    console.log(`API server away for ${Date.now() - downAt} ms in total (step included); log:\n${log.filter((l) => /Watching/.test(l)).join("\n")}`);
    assert.equal(result.outcome, "Succeeded", log.join("\n"));
    for (const plural of ["deployments", "replicasets", "pods"])
      assert.ok(
        log.some((line) => new RegExp(`^info: Watching ${plural} in ${namespace} recovered at`).test(line)),
        `${plural} recovery logged:\n${log.join("\n")}`,
      );
    assert.ok(
      result.rows.every((row) => !/state unknown|cannot watch/i.test(row.message)),
      JSON.stringify(result.rows.map((row) => row.message)),
    );
  } finally {
    release();
    await proxy.close();
  }
});
