// The SQLite database and the secret key are readable by the server's user only: created 0600
// (with the database's -wal and -shm), and tightened with a log line when an older start left
// them readable by others.
import { test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, existsSync, mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { createDatabase, protectSqliteFiles } from "../database.ts";
import { migrateDatabase } from "../migrate.ts";
import { protectKeyFile } from "../../security/sealer.ts";
import { loadOrCreateKey } from "../../security/credentials.ts";

const modeOf = (path: string) => statSync(path).mode & 0o777;
const recorder = () => {
  const paths: unknown[] = [];
  return { paths, log: { warn: (fields: { path: string }) => void paths.push(fields.path) } as never };
};

test("a new database, its -wal and its -shm are 0600, in a 0700 directory", async () => {
  const dir = join(mkdtempSync(join(tmpdir(), "kdeploy-db-")), "data");
  const file = join(dir, "kdeploy.db");
  protectSqliteFiles(file); // what server/index.ts does before the migrations
  await migrateDatabase(`file:${file}`);
  const db = createDatabase(`file:${file}`);
  try {
    await db.project.create({ data: { slug: `p-${randomUUID().slice(0, 8)}`, name: "Modes" } });
    assert.equal(modeOf(dir), 0o700);
    for (const path of [file, `${file}-wal`, `${file}-shm`]) {
      assert.ok(existsSync(path), `${path} exists while the database is open`);
      assert.equal(modeOf(path).toString(8), "600", path);
    }
  } finally {
    await db.$disconnect();
  }
});

test("an existing database readable by others is tightened at start, with its companions", async () => {
  const dir = mkdtempSync(join(tmpdir(), "kdeploy-db-"));
  const file = join(dir, "kdeploy.db");
  await migrateDatabase(`file:${file}`); // as an older version created it
  const db = createDatabase(`file:${file}`);
  await db.project.create({ data: { slug: "loose", name: "Loose" } });
  for (const path of [file, `${file}-wal`, `${file}-shm`]) chmodSync(path, 0o644);
  const { paths, log } = recorder();
  protectSqliteFiles(file, log);
  await db.$disconnect();
  assert.deepEqual(paths, [file, `${file}-wal`, `${file}-shm`]);
  assert.equal(modeOf(file), 0o600);
});

test("the key file is created 0600 and a loose one is tightened with a log line", () => {
  const dir = join(mkdtempSync(join(tmpdir(), "kdeploy-key-")), "keys");
  const keyFile = join(dir, "secret.key");
  protectKeyFile(keyFile);
  loadOrCreateKey({ keyFile });
  assert.equal(modeOf(dir), 0o700);
  assert.equal(modeOf(keyFile), 0o600);
  chmodSync(keyFile, 0o644);
  const { paths, log } = recorder();
  protectKeyFile(keyFile, log);
  assert.deepEqual(paths, [keyFile]);
  assert.equal(modeOf(keyFile), 0o600);
});
