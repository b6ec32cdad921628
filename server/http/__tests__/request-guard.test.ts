// The guard of state-changing API requests, one rule per test: foreign sites are refused by
// Sec-Fetch-Site or Origin, a session cookie without either header is refused, clients outside a
// browser (API tokens) pass, and only JSON bodies are accepted.
import { test } from "node:test";
import assert from "node:assert/strict";
import { refuseUnsafeRequest, unsafeRequestRefusal, type GuardOptions } from "../request-guard.ts";

const OURS = "http://127.0.0.1:3000";
const allowedOrigins = [OURS, "http://localhost:3000"];
const json = { "content-type": "application/json" };
const session: GuardOptions = { authenticatedBy: "session", allowedOrigins };
const token: GuardOptions = { authenticatedBy: "token", allowedOrigins };

const request = (method: string, headers: Record<string, string>, body?: string) => new Request(`${OURS}/api/projects`, { method, headers, body });
const statusOf = (req: Request, options: GuardOptions) => unsafeRequestRefusal(req, options)?.status ?? "allowed";

test("reads are never refused here (GET, HEAD, OPTIONS)", () => {
  for (const method of ["GET", "HEAD", "OPTIONS"]) {
    assert.equal(statusOf(request(method, { origin: "http://attacker.example", "sec-fetch-site": "cross-site" }), session), "allowed", method);
  }
});

test("a browser request from our own page passes", () => {
  for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
    assert.equal(statusOf(request(method, { ...json, origin: OURS, "sec-fetch-site": "same-origin" }, "{}"), session), "allowed", method);
  }
  assert.equal(statusOf(request("POST", { ...json, origin: "http://localhost:3000" }, "{}"), session), "allowed");
});

test("Sec-Fetch-Site cross-site or same-site is refused, even with our Origin", () => {
  for (const site of ["cross-site", "same-site", "Cross-Site"]) {
    assert.equal(statusOf(request("POST", { ...json, origin: OURS, "sec-fetch-site": site }, "{}"), session), 403, site);
    assert.equal(statusOf(request("POST", { ...json, "sec-fetch-site": site }, "{}"), token), 403, `${site} with a token`);
  }
});

test("an Origin that is not ours is refused, including the opaque origin null", () => {
  for (const origin of ["http://attacker.example", "http://127.0.0.1:3001", "https://127.0.0.1:3000", "null", "not a url"]) {
    assert.equal(statusOf(request("POST", { ...json, origin }, "{}"), session), 403, origin);
    assert.equal(statusOf(request("DELETE", { origin }), token), 403, `${origin} with a token`);
  }
});

test("a session cookie without Origin and Sec-Fetch-Site is refused; a token without them passes", () => {
  assert.equal(statusOf(request("POST", json, "{}"), session), 403);
  assert.equal(statusOf(request("POST", json, "{}"), token), "allowed");
  assert.equal(statusOf(request("POST", json, "{}"), { authenticatedBy: "none", allowedOrigins }), "allowed");
  assert.equal(statusOf(request("POST", { ...json, "sec-fetch-site": "same-origin" }, "{}"), session), "allowed");
});

test("only JSON bodies: text/plain and the form encodings get 415", () => {
  for (const type of [
    "text/plain",
    "text/plain;charset=UTF-8",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "application/jsonp",
    "application/xml",
  ]) {
    assert.equal(statusOf(request("POST", { "content-type": type, origin: OURS }, "{}"), session), 415, type);
    assert.equal(statusOf(request("PUT", { "content-type": type }, "{}"), token), 415, `${type} with a token`);
  }
  assert.equal(statusOf(request("POST", { "content-type": "Application/JSON; charset=utf-8", origin: OURS }, "{}"), session), "allowed");
});

test("a request without a body needs no content type; one with a body does", () => {
  assert.equal(statusOf(request("DELETE", { origin: OURS }), session), "allowed");
  assert.equal(statusOf(request("DELETE", { origin: OURS, "content-length": "0" }), session), "allowed");
  assert.equal(statusOf(request("POST", { origin: OURS, "content-length": "2" }), session), 415);
  assert.equal(statusOf(request("POST", { origin: OURS, "transfer-encoding": "chunked" }), session), 415);
  assert.equal(statusOf(request("DELETE", { origin: OURS, "content-type": "text/plain" }), session), 415, "an empty text/plain body is still not JSON");
});

test("refusals use the API's error body shape", async () => {
  const forbidden = refuseUnsafeRequest(request("POST", { ...json, origin: "http://attacker.example" }, "{}"), session)!;
  assert.equal(forbidden.status, 403);
  const body = await forbidden.json();
  assert.equal(body.error, "forbidden");
  assert.match(body.message, /KDEPLOY_PUBLIC_URL/);
  const unsupported = refuseUnsafeRequest(request("POST", { "content-type": "text/plain", origin: OURS }, "{}"), session)!;
  assert.equal(unsupported.status, 415);
  assert.deepEqual(await unsupported.json(), { error: "unsupported_media_type", message: "Send the request body as JSON (Content-Type: application/json)" });
  assert.equal(refuseUnsafeRequest(request("POST", { ...json, origin: OURS }, "{}"), session), undefined);
});

test("without explicit origins the server's configuration decides", () => {
  const saved = { url: process.env.KDEPLOY_PUBLIC_URL, port: process.env.PORT, host: process.env.HOST };
  try {
    process.env.KDEPLOY_PUBLIC_URL = "https://kdeploy.example.com";
    process.env.HOST = "0.0.0.0";
    process.env.PORT = "8080";
    const at = (origin: string) => statusOf(request("POST", { ...json, origin }, "{}"), { authenticatedBy: "session" });
    assert.equal(at("https://kdeploy.example.com"), "allowed");
    assert.equal(at("http://kdeploy.example.com"), 403);
    assert.equal(at("http://attacker.example"), 403);
  } finally {
    for (const [name, value] of [
      ["KDEPLOY_PUBLIC_URL", saved.url],
      ["PORT", saved.port],
      ["HOST", saved.host],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
});
