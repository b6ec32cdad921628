// Password hashing parameters: argon2id at OWASP's minimum, carried in each PHC string.
import { test } from "node:test";
import assert from "node:assert/strict";
import { hashPassword, verifyPassword, PASSWORD_HASH_PARAMETERS } from "../password.ts";

test("passwords are hashed with argon2id, 19 MiB, 2 iterations, 1 lane, a fresh salt each time", async () => {
  const first = await hashPassword("correct horse battery staple");
  const second = await hashPassword("correct horse battery staple");
  assert.match(first, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
  assert.notEqual(first, second, "the salt differs");
  assert.equal(PASSWORD_HASH_PARAMETERS.memoryCost, 19_456);
  assert.ok(!first.includes("correct horse"));
});

test("verification accepts the password and nothing else, and refuses hashes of other schemes", async () => {
  const stored = await hashPassword("a long enough password");
  assert.equal(await verifyPassword({ hash: stored, password: "a long enough password" }), true);
  assert.equal(await verifyPassword({ hash: stored, password: "a long enough passwore" }), false);
  assert.equal(await verifyPassword({ hash: "salt:abcdef", password: "a long enough password" }), false);
  assert.equal(await verifyPassword({ hash: "$argon2id$garbage", password: "x" }), false);
});
