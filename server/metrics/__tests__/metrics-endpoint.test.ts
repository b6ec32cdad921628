// /metrics is not public: without a configured token it is off, without the right bearer token
// it is refused, and any other path is left to the rest of the server.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Counter, Registry } from "prom-client";
import { isMetricsToken, METRICS_OFF_MESSAGE, serveMetrics } from "../metrics-endpoint.ts";

const TOKEN = "m".repeat(40);
const registry = new Registry();
new Counter({ name: "kdeploy_test_total", help: "test", registers: [registry] }).inc(7);
let token: string | undefined = TOKEN;
let server: Server;
let base: string;

before(async () => {
  server = createServer((request, response) => {
    if (serveMetrics(request, response, { registry, token })) return;
    response.writeHead(418).end("the rest of the server");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

test("the right bearer token reads the metrics in Prometheus' text format", async () => {
  const response = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  assert.equal(response.status, 200);
  assert.match(response.headers.get("content-type") ?? "", /^text\/plain; version=0\.0\.4/);
  assert.equal(response.headers.get("cache-control"), "no-store");
  assert.match(await response.text(), /^kdeploy_test_total 7$/m);
});

test("no token, another token, another scheme: 401 with the bearer challenge, no metrics", async () => {
  for (const authorization of [undefined, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(1)}`, `Basic ${TOKEN}`, "Bearer", `Bearer ${TOKEN} extra`]) {
    const response = await fetch(`${base}/metrics`, authorization ? { headers: { authorization } } : {});
    assert.equal(response.status, 401, String(authorization));
    assert.equal(response.headers.get("www-authenticate"), 'Bearer realm="kdeploy metrics"');
    assert.doesNotMatch(await response.text(), /kdeploy_test_total/);
  }
});

test("only GET and HEAD; a query string does not change the path; other paths pass through", async () => {
  assert.equal((await fetch(`${base}/metrics`, { method: "POST", headers: { authorization: `Bearer ${TOKEN}` } })).status, 405);
  const head = await fetch(`${base}/metrics`, { method: "HEAD", headers: { authorization: `Bearer ${TOKEN}` } });
  assert.equal(head.status, 200);
  assert.equal((await fetch(`${base}/metrics?x=1`)).status, 401);
  assert.equal((await fetch(`${base}/metrics/x`)).status, 418);
  assert.equal((await fetch(`${base}/api/health`)).status, 418);
});

test("without KDEPLOY_METRICS_TOKEN the endpoint is off, whatever the request sends", async () => {
  token = undefined;
  try {
    const response = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(response.status, 404);
    assert.equal(await response.text(), METRICS_OFF_MESSAGE);
  } finally {
    token = TOKEN;
  }
});

test("isMetricsToken compares the whole token, case of the scheme aside", () => {
  assert.equal(isMetricsToken(`bearer ${TOKEN}`, TOKEN), true);
  assert.equal(isMetricsToken(`Bearer ${TOKEN.toUpperCase()}`, TOKEN), false);
  assert.equal(isMetricsToken(undefined, TOKEN), false);
});
