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

let sandbox: Sandbox;
before(async () => {
  sandbox = await useSandbox();
});
after(async () => sandbox.cleanup());

/** Forwards 127.0.0.1:<port> to the API server; `freeze()` stops forwarding on every open connection (kept open). */
async function freezableProxy(target: URL): Promise<{ url: string; freeze(): void; close(): Promise<void> }> {
  const pairs: [Socket, Socket][] = [];
  const sockets: Socket[] = [];
  const server: Server = createServer((client) => {
    const upstream = createConnection({ host: target.hostname, port: Number(target.port) });
    client.pipe(upstream);
    upstream.pipe(client);
    const drop = () => (client.destroy(), upstream.destroy());
    client.on("error", drop);
    upstream.on("error", drop);
    pairs.push([client, upstream]);
    sockets.push(client, upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `https://127.0.0.1:${port}`,
    freeze() {
      for (const [client, upstream] of pairs.splice(0)) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        client.pause();
        upstream.pause();
        client.on("close", () => upstream.destroy());
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
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
  const proxy = await freezableProxy(new URL(sandbox.serverUrl));
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
    assert.ok(Math.abs(detectedAt - lastSignOfLife - stallMs) <= 500, "one window after the last sign of life");
    assert.ok(detectedAt - frozenAt <= stallMs + 1_000, `detected after ${detectedAt - frozenAt} ms`);
    assert.ok(recoveredAt - detectedAt <= 5_000, `re-established after ${recoveredAt - detectedAt} ms`);
  } finally {
    stream.stop();
    await stream.done;
    await proxy.close();
  }
});
