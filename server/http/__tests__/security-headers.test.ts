// The headers every response gets, and the Host check, through a real HTTP server built the way
// server/index.ts builds it (security headers → Host check → the app, here a stand-in for Next
// that echoes the policy it was handed).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { applySecurityHeaders, contentSecurityPolicy } from "../security-headers.ts";
import { admitHost, MISDIRECTED_MESSAGE } from "../host-guard.ts";

let server: Server;
let port: number;

before(async () => {
  server = createServer((request, response) => {
    applySecurityHeaders(request, response, { dev: false });
    if (!admitHost(request, response, [`http://127.0.0.1:${port}`, `http://localhost:${port}`])) return;
    // What Next would read to put the nonce on its scripts.
    response.writeHead(200, { "content-type": "text/plain" }).end(String(request.headers["content-security-policy"]));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
after(() => server.close());

const get = (path: string, headers: Record<string, string> = {}) =>
  new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const request = httpRequest({ host: "127.0.0.1", port, path, headers }, (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.on("error", reject);
    request.end();
  });

const directives = (policy: string) =>
  new Map(
    policy
      .split(";")
      .map((part) => part.trim().split(/\s+/) as [string, ...string[]])
      .map(([name, ...values]) => [name, values]),
  );

test("every response carries the security headers", async () => {
  for (const path of ["/", "/api/health", "/_next/static/chunk.js", "/socket.io/"]) {
    const response = await get(path);
    assert.equal(response.status, 200, path);
    assert.equal(response.headers["x-content-type-options"], "nosniff");
    assert.equal(response.headers["x-frame-options"], "DENY");
    assert.equal(response.headers["referrer-policy"], "same-origin");
    assert.equal(response.headers["cross-origin-opener-policy"], "same-origin");
    assert.equal(response.headers["cross-origin-resource-policy"], "same-origin");
    assert.ok(response.headers["content-security-policy"], path);
  }
});

test("the policy is strict: nonce-only scripts, no framing, no plugins, no foreign base or form targets", async () => {
  const policy = directives(String((await get("/")).headers["content-security-policy"]));
  const script = policy.get("script-src")!;
  assert.ok(script.includes("'strict-dynamic'"));
  assert.ok(
    script.some((source) => /^'nonce-[A-Za-z0-9+/]{22}==?'$/.test(source)),
    script.join(" "),
  );
  assert.ok(!script.includes("'unsafe-inline'") && !script.includes("'unsafe-eval'"), "no inline or eval in production");
  assert.deepEqual(policy.get("frame-ancestors"), ["'none'"]);
  assert.deepEqual(policy.get("base-uri"), ["'none'"]);
  assert.deepEqual(policy.get("object-src"), ["'none'"]);
  assert.deepEqual(policy.get("form-action"), ["'self'"]);
  assert.deepEqual(policy.get("connect-src"), ["'self'"]);
  assert.deepEqual(policy.get("img-src"), ["'self'", "data:"]);
  assert.deepEqual(policy.get("default-src"), ["'self'"]);
});

test("each response gets its own nonce, and Next is handed the same policy the browser gets", async () => {
  const first = await get("/");
  const second = await get("/");
  assert.equal(first.body, first.headers["content-security-policy"]);
  assert.notEqual(first.headers["content-security-policy"], second.headers["content-security-policy"]);
});

test("a policy sent by the client is replaced, so it cannot choose the nonce", async () => {
  const response = await get("/", {
    "Content-Security-Policy": "script-src 'nonce-attacker'",
    "Content-Security-Policy-Report-Only": "script-src 'nonce-attacker'",
  });
  assert.ok(!response.body.includes("attacker"));
  assert.equal(response.body, response.headers["content-security-policy"]);
});

test("development adds only 'unsafe-eval' (React's development build needs it)", () => {
  const dev = directives(contentSecurityPolicy("abc", { dev: true }));
  const production = directives(contentSecurityPolicy("abc", { dev: false }));
  assert.deepEqual(dev.get("script-src"), [...production.get("script-src")!, "'unsafe-eval'"]);
});

test("a foreign Host gets 421 with what to configure, for pages, the API and the health check alike", async () => {
  for (const path of ["/", "/api/projects", "/api/health", "/socket.io/?EIO=4&transport=polling"]) {
    const response = await get(path, { Host: "attacker.example" });
    assert.equal(response.status, 421, path);
    assert.equal(response.body, MISDIRECTED_MESSAGE);
    assert.match(response.body, /KDEPLOY_PUBLIC_URL/);
    assert.equal(response.headers["x-content-type-options"], "nosniff");
  }
  assert.equal((await get("/api/health", { Host: `localhost:${port}` })).status, 200);
  assert.equal((await get("/api/health", { Host: `127.0.0.1:${port + 1}` })).status, 421);
});
