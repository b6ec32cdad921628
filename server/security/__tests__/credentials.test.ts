import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, statSync, writeFileSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { createSealer, loadOrCreateKey, parseKey, SealError } from "../credentials.ts";

test("seal/unseal round trip; the sealed text never contains the plaintext", () => {
  const sealer = createSealer(randomBytes(32));
  const secret = "eyJhbGciOiJSUzI1NiJ9.very-secret-token";
  const sealed = sealer.seal(secret);
  assert.ok(!sealed.includes(secret));
  assert.match(sealed, /^v1\.[0-9a-f]{8}\./);
  assert.equal(sealer.unseal(sealed), secret);
  assert.notEqual(sealer.seal(secret), sealed, "a fresh IV every time");
});

test("a value sealed with another key is refused with a clear error", () => {
  const sealed = createSealer(randomBytes(32)).seal("x");
  assert.throws(
    () => createSealer(randomBytes(32)).unseal(sealed),
    (error: unknown) => error instanceof SealError && /another secret key/.test((error as Error).message),
  );
});

test("tampering is detected by the GCM tag", () => {
  const sealer = createSealer(randomBytes(32));
  const sealed = sealer.seal("top secret");
  const [v, id, body] = sealed.split(".");
  const raw = Buffer.from(body!, "base64");
  raw[raw.length - 1]! ^= 1;
  assert.throws(() => sealer.unseal(`${v}.${id}.${raw.toString("base64")}`), /integrity check/);
});

test("keys: base64 or hex of 32 bytes; anything else is refused", () => {
  const key = randomBytes(32);
  assert.deepEqual(parseKey(key.toString("base64")), key);
  assert.deepEqual(parseKey(key.toString("hex")), key);
  assert.throws(() => parseKey("short"), /32 bytes/);
});

test("the key file is created on first use with mode 0600 and reused after", () => {
  const dir = mkdtempSync(join(tmpdir(), "kdeploy-key-"));
  const keyFile = join(dir, "nested", "secret.key");
  const first = loadOrCreateKey({ keyFile });
  assert.equal(statSync(keyFile).mode & 0o777, 0o600);
  assert.deepEqual(loadOrCreateKey({ keyFile }), first);
  chmodSync(keyFile, 0o644);
  loadOrCreateKey({ keyFile });
  assert.equal(statSync(keyFile).mode & 0o777, 0o600, "permissions are tightened when found too open");
  const fromEnv = randomBytes(32);
  assert.deepEqual(loadOrCreateKey({ keyFile, keyFromEnv: fromEnv.toString("base64") }), fromEnv);
  writeFileSync(join(dir, "bad.key"), "nope");
  assert.throws(() => loadOrCreateKey({ keyFile: join(dir, "bad.key") }), /32 bytes/);
  assert.ok(readFileSync(keyFile, "utf8").trim().length >= 43);
});
