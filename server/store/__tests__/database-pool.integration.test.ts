// The PostgreSQL pool's size (KDEPLOY_DATABASE_POOL_SIZE, server/store/database.ts): validated,
// 10 by default, and the most connections the client really opens. Counted on the test server:
// many queries at once, each naming the backend that ran it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDatabase, databasePoolSize, DEFAULT_POOL_SIZE } from "../database.ts";
import { postgresTestUrl } from "../../testing/test-database.ts";

test("KDEPLOY_DATABASE_POOL_SIZE: 10 when unset, a whole number from 1 to 1000, anything else refused with the setting's name", () => {
  assert.equal(DEFAULT_POOL_SIZE, 10);
  assert.equal(databasePoolSize({}), 10);
  assert.equal(databasePoolSize({ KDEPLOY_DATABASE_POOL_SIZE: "" }), 10);
  assert.equal(databasePoolSize({ KDEPLOY_DATABASE_POOL_SIZE: " 25 " }), 25);
  assert.equal(databasePoolSize({ KDEPLOY_DATABASE_POOL_SIZE: "1" }), 1);
  assert.equal(databasePoolSize({ KDEPLOY_DATABASE_POOL_SIZE: "1000" }), 1000);
  for (const value of ["0", "-3", "1.5", "ten", "1001", "1e2"])
    assert.throws(() => databasePoolSize({ KDEPLOY_DATABASE_POOL_SIZE: value }), /KDEPLOY_DATABASE_POOL_SIZE must be a whole number from 1 to 1000/, value);
});

test("SQLite has no pool: a bad KDEPLOY_DATABASE_POOL_SIZE does not stop it", async () => {
  const dir = mkdtempSync(join(tmpdir(), "kdeploy-pool-"));
  const previous = process.env.KDEPLOY_DATABASE_POOL_SIZE;
  process.env.KDEPLOY_DATABASE_POOL_SIZE = "0";
  try {
    const db = createDatabase(`file:${join(dir, "pool.db")}`);
    await db.$disconnect();
  } finally {
    if (previous === undefined) delete process.env.KDEPLOY_DATABASE_POOL_SIZE;
    else process.env.KDEPLOY_DATABASE_POOL_SIZE = previous;
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Runs `queries` at once, each holding its connection a moment; how many backends served them. */
async function backendsUsed(poolSize: number | undefined, queries: number): Promise<number> {
  const db = poolSize === undefined ? createDatabase(postgresTestUrl!) : createDatabase(postgresTestUrl!, poolSize);
  try {
    const rows = await Promise.all(
      Array.from({ length: queries }, () => db.$queryRawUnsafe<{ pid: number }[]>("SELECT pg_backend_pid() AS pid, pg_sleep(0.3)::text AS slept")),
    );
    return new Set(rows.map(([row]) => row!.pid)).size;
  } finally {
    await db.$disconnect();
  }
}

test(
  "the pool opens at most KDEPLOY_DATABASE_POOL_SIZE connections (default 10)",
  { skip: postgresTestUrl ? false : "needs KDEPLOY_TEST_POSTGRES_URL" },
  async () => {
    assert.equal(await backendsUsed(2, 8), 2, "two connections for eight queries at once");
    const previous = process.env.KDEPLOY_DATABASE_POOL_SIZE;
    process.env.KDEPLOY_DATABASE_POOL_SIZE = "3";
    try {
      assert.equal(await backendsUsed(undefined, 8), 3, "the size read from the environment");
    } finally {
      if (previous === undefined) delete process.env.KDEPLOY_DATABASE_POOL_SIZE;
      else process.env.KDEPLOY_DATABASE_POOL_SIZE = previous;
    }
    delete process.env.KDEPLOY_DATABASE_POOL_SIZE;
    try {
      assert.equal(await backendsUsed(undefined, 12), DEFAULT_POOL_SIZE, "ten by default for twelve queries at once");
    } finally {
      if (previous !== undefined) process.env.KDEPLOY_DATABASE_POOL_SIZE = previous;
    }
  },
);
