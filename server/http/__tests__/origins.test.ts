// Which Host and Origin values are the app's own: exact origins, default ports, no look-alikes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { isAllowedHost, isAllowedOrigin } from "../origins.ts";

const allowed = ["https://kdeploy.example.com", "http://127.0.0.1:3000", "http://localhost:3000"];

test("an Origin matches only an allowed origin exactly (scheme, host and port)", () => {
  assert.ok(isAllowedOrigin("https://kdeploy.example.com", allowed));
  assert.ok(isAllowedOrigin("https://KDEPLOY.example.com", allowed));
  assert.ok(isAllowedOrigin("https://kdeploy.example.com:443", allowed), "the default port is the same origin");
  assert.ok(isAllowedOrigin("http://localhost:3000", allowed));
  for (const origin of [
    "http://kdeploy.example.com",
    "https://kdeploy.example.com.attacker.example",
    "https://evil-kdeploy.example.com",
    "http://127.0.0.1:3001",
    "null",
    "",
    "127.0.0.1:3000",
  ]) {
    assert.equal(isAllowedOrigin(origin, allowed), false, origin);
  }
});

test("a Host matches the host[:port] of an allowed origin", () => {
  for (const host of ["kdeploy.example.com", "kdeploy.example.com:443", "KDEPLOY.EXAMPLE.COM", "127.0.0.1:3000", "localhost:3000"]) {
    assert.ok(isAllowedHost(host, allowed), host);
  }
  for (const host of [undefined, "", "attacker.example", "127.0.0.1", "127.0.0.1:3001", "kdeploy.example.com:80", "localhost:3000.attacker.example"]) {
    assert.equal(isAllowedHost(host, allowed), false, String(host));
  }
});
