// Apply's JSON requests to one cluster share keep-alive connections (issue 12): client-node hands
// every call a fresh https.Agent, so each request paid a TCP connection and a TLS handshake, and
// apply (two requests per object) spent most of its time on handshakes. Other requests (watches,
// the relist after a stalled watch) keep a fresh connection each.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:https";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { ensurePki } from "../../../sandbox/lib/certs.ts";
import { buildKubeConfig } from "../kubeconfig.ts";
import { createKubeHttp } from "../http.ts";

let server: Server;
let url: string;
let connections = 0;
const received: { method: string; path: string; body: string }[] = [];
const dir = mkdtempSync(join(tmpdir(), "kdeploy-http-pooling-"));

before(async () => {
  const pki = ensurePki(dir);
  server = createServer({ cert: readFileSync(pki.apiserverCert), key: readFileSync(pki.apiserverKey) }, (request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      received.push({ method: request.method ?? "", path: request.url ?? "", body });
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ kind: "Status", status: "Success" }));
    });
  });
  server.on("secureConnection", () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
/** A fresh KubeConfig for the test server, as a new step of the same cluster and credentials would build it. */
const testKubeConfig = () =>
  buildKubeConfig({
    serverUrl: url,
    caCertificate: null,
    insecureSkipTlsVerify: true,
    kubeconfigContext: null,
    credentials: { authKind: "token", token: "t" },
  });

after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

test("sequential and concurrent JSON requests reuse TLS connections instead of one handshake each", async () => {
  const kubeConfig = testKubeConfig();
  const http = createKubeHttp(kubeConfig, { keepAlive: true });
  for (let i = 0; i < 5; i++) assert.equal((await http({ method: "GET", path: "/api/v1" })).status, 200);
  assert.equal(connections, 1, "five requests one after another, one connection");
  await Promise.all(Array.from({ length: 8 }, () => http({ method: "GET", path: "/api/v1" })));
  assert.ok(connections <= 8, `8 concurrent requests opened ${connections - 1} more connections`);
  const before = connections;
  // Another client of the same cluster and credentials (the next step) shares them too.
  const again = createKubeHttp(testKubeConfig(), { keepAlive: true });
  await again({ method: "GET", path: "/api/v1" });
  assert.equal(connections, before);
});

test("without keepAlive every request has a connection of its own (a pooled one may be the one that went silent)", async () => {
  const kubeConfig = testKubeConfig();
  const http = createKubeHttp(kubeConfig);
  const before = connections;
  for (let i = 0; i < 3; i++) await http({ method: "GET", path: "/api/v1" });
  assert.equal(connections - before, 3);
});

test("a DELETE's body reaches the server, and the next request on the same connection is its own", async () => {
  // Without a declared length Node sends a DELETE's body bare: the server read none, and took it
  // for the start of the next request on the kept-alive connection (the bench's pod cleanup made
  // the next apply fail with "400 Bad Request").
  const kubeConfig = testKubeConfig();
  const http = createKubeHttp(kubeConfig, { keepAlive: true });
  const options = JSON.stringify({ apiVersion: "v1", kind: "DeleteOptions", gracePeriodSeconds: 0 });
  received.length = 0;
  assert.equal((await http({ method: "DELETE", path: "/api/v1/namespaces/ns/pods/p", body: options, contentType: "application/json" })).status, 200);
  assert.equal((await http({ method: "GET", path: "/api/v1/namespaces/ns/pods/q" })).status, 200);
  assert.deepEqual(received, [
    { method: "DELETE", path: "/api/v1/namespaces/ns/pods/p", body: options },
    { method: "GET", path: "/api/v1/namespaces/ns/pods/q", body: "" },
  ]);
});
