// The one HTTP client's time limits, against real sockets on 127.0.0.1: a server that accepts
// the connection and never answers must fail each kind of request with a clear error within the
// configured limit (connect, idle, response), and every socket gets TCP keepalive.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import { createServer, Socket, type Server } from "node:net";
import type { AddressInfo } from "node:net";
import { buildKubeConfig } from "../kubeconfig.ts";
import { createKubeHttp, getJson, KubeTimeoutError, openStream, type KubeHttpTimeouts } from "../http.ts";
import { testConnection } from "../connection-test.ts";
import { httpTransport } from "../http-transport.ts";
import { CHILD_RESOURCES } from "../resources.ts";

const kubeConfigFor = (serverUrl: string) =>
  buildKubeConfig({ serverUrl, caCertificate: null, insecureSkipTlsVerify: true, kubeconfigContext: null, credentials: { authKind: "token", token: "t" } });

const LONG = 30_000;
const limits = (overrides: Partial<KubeHttpTimeouts>): Partial<KubeHttpTimeouts> => ({ connectMs: LONG, idleMs: LONG, responseMs: LONG, ...overrides });

/** Runs `action`, expecting a KubeTimeoutError of `kind` after about `ms`; returns it. */
async function expectTimeout(action: () => Promise<unknown>, kind: KubeTimeoutError["kind"], ms: number): Promise<KubeTimeoutError> {
  const started = performance.now();
  const error = await action().then(
    () => assert.fail("the request succeeded"),
    (failure: unknown) => failure,
  );
  const elapsed = performance.now() - started;
  assert.ok(error instanceof KubeTimeoutError, `expected a KubeTimeoutError, got ${String(error)}`);
  assert.equal(error.kind, kind);
  assert.ok(elapsed >= ms - 20, `failed after ${elapsed} ms, before the ${ms} ms limit`);
  assert.ok(elapsed < ms + 2_000, `failed after ${elapsed} ms, long after the ${ms} ms limit`);
  return error;
}

// A limit that does not fire would hang: the test timeout turns that into a failure.
const bounded = { timeout: 10_000 };

describe("a server that accepts connections and never answers", bounded, () => {
  let silent: Server;
  let port: number;
  const sockets = new Set<Socket>();
  before(async () => {
    silent = createServer((socket) => {
      sockets.add(socket);
      socket.on("error", () => undefined);
      socket.on("close", () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    port = (silent.address() as AddressInfo).port;
  });
  after(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  test("GET (LIST, discovery, events) fails on the idle limit with a sentence naming the server", async () => {
    const kubeConfig = kubeConfigFor(`http://127.0.0.1:${port}`);
    const error = await expectTimeout(() => getJson(kubeConfig, "/api/v1/pods", {}, undefined, { timeouts: limits({ idleMs: 200 }) }), "idle", 200);
    assert.equal(error.message, `http://127.0.0.1:${port} stopped answering: nothing received for 0.2 s`);
  });

  test("apply's JSON requests fail on the idle limit too", async () => {
    const http = createKubeHttp(kubeConfigFor(`http://127.0.0.1:${port}`), { timeouts: limits({ idleMs: 150 }) });
    await expectTimeout(
      () => http({ method: "PATCH", path: "/api/v1/namespaces/a/configmaps/b", body: "{}", contentType: "application/apply-patch+yaml" }),
      "idle",
      150,
    );
  });

  test("a TLS handshake that never completes fails on the connect limit, for JSON requests and for watches", async () => {
    const kubeConfig = kubeConfigFor(`https://127.0.0.1:${port}`);
    const get = await expectTimeout(() => getJson(kubeConfig, "/version", {}, undefined, { timeouts: limits({ connectMs: 200 }) }), "connect", 200);
    assert.equal(get.message, `Connecting to https://127.0.0.1:${port} timed out: no connection (TCP and TLS) within 0.2 s`);
    const watch = httpTransport(kubeConfig, CHILD_RESOURCES.Pod, "default", undefined, { timeouts: limits({ connectMs: 200 }) });
    await expectTimeout(() => watch.watch("1", new AbortController().signal, () => undefined), "connect", 200);
    await expectTimeout(
      () => openStream(kubeConfig, "/api/v1/namespaces/a/pods/b/log", {}, new AbortController().signal, { timeouts: limits({ connectMs: 200 }) }),
      "connect",
      200,
    );
  });

  test("the connection test reports the timeout instead of hanging", async () => {
    const started = performance.now();
    const result = await testConnection(kubeConfigFor(`http://127.0.0.1:${port}`), "default", { timeouts: limits({ idleMs: 200 }) });
    assert.ok(performance.now() - started < 2_200);
    assert.deepEqual(result, { ok: false, message: `http://127.0.0.1:${port} stopped answering: nothing received for 0.2 s` });
  });
});

describe("a server that answers too slowly", bounded, () => {
  let slow: HttpServer;
  let port: number;
  before(async () => {
    // Headers at once, then one byte every 50 ms: never idle, never complete.
    slow = createHttpServer((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      const drip = setInterval(() => response.write(" "), 50);
      response.on("close", () => clearInterval(drip));
    });
    await new Promise<void>((resolve) => slow.listen(0, "127.0.0.1", resolve));
    port = (slow.address() as AddressInfo).port;
  });
  after(async () => {
    slow.closeAllConnections();
    await new Promise((resolve) => slow.close(resolve));
  });

  test("LIST/GET fails on the response limit although bytes keep arriving", async () => {
    const kubeConfig = kubeConfigFor(`http://127.0.0.1:${port}`);
    const error = await expectTimeout(
      () => getJson(kubeConfig, "/api/v1/pods", {}, undefined, { timeouts: limits({ idleMs: 1_000, responseMs: 300 }) }),
      "response",
      300,
    );
    assert.equal(error.message, `No complete answer from http://127.0.0.1:${port} within 0.3 s`);
  });

  test("a watch has no response limit: its body is read as it arrives", async () => {
    const kubeConfig = kubeConfigFor(`http://127.0.0.1:${port}`);
    const controller = new AbortController();
    const response = await openStream(kubeConfig, "/api/v1/pods", { watch: true }, controller.signal, { timeouts: limits({ idleMs: 100, responseMs: 100 }) });
    let received = 0;
    // More than both limits' worth of bytes (12 × 50 ms) arrives on the open stream.
    for await (const chunk of response) if ((received += (chunk as Buffer).length) >= 12) break;
    controller.abort();
    assert.ok(received >= 12);
  });
});

test("every socket to a cluster has TCP keepalive, watches included", bounded, async () => {
  const server = createHttpServer((_request, response) => response.end("{}"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const calls: [boolean | undefined, number | undefined][] = [];
  const original = Socket.prototype.setKeepAlive;
  Socket.prototype.setKeepAlive = function (this: Socket, enable?: boolean, delay?: number) {
    calls.push([enable, delay]);
    return original.call(this, enable, delay);
  };
  try {
    const kubeConfig = kubeConfigFor(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    await getJson(kubeConfig, "/version", {}, undefined, { timeouts: { keepAliveMs: 12_345 } });
    const stream = await openStream(kubeConfig, "/api/v1/pods", { watch: true }, new AbortController().signal, { timeouts: { keepAliveMs: 23_456 } });
    stream.resume();
    assert.deepEqual(
      calls.filter(([, delay]) => delay === 12_345 || delay === 23_456),
      [
        [true, 12_345],
        [true, 23_456],
      ],
    );
  } finally {
    Socket.prototype.setKeepAlive = original;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
