// A SQLite file locked by another process for longer than the busy budget: a request that must
// write is answered 503 with Retry-After (not a 500 and a stack trace), one that only reads is
// answered normally, and once the lock is gone the write goes through. The client here waits
// 300 ms instead of the production 10 s (server/store/sqlite-adapter.ts).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import BetterSqlite3 from "better-sqlite3";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { call, installTestContext } from "../../testing/test-context.ts";
import { PrismaClient as SqliteClient } from "../../store/generated/sqlite/client.ts";
import { patientSqliteAdapter } from "../../store/sqlite-adapter.ts";
import type { Database } from "../../store/database.ts";
import * as projects from "../../../app/api/projects/route.ts";

let migrated: TestDatabase;
let db: Database;
let file: string;

before(async () => {
  migrated = await createTestDatabase("sqlite");
  file = migrated.url.replace(/^file:/, "");
  db = new SqliteClient({ adapter: patientSqliteAdapter(file, { budgetMs: 300 }) });
  installTestContext({ ...migrated, db });
});
after(async () => {
  await db.$disconnect();
  await migrated.cleanup();
});

test("a locked database: writes answer 503 with Retry-After, reads answer normally, the write goes through afterwards", async () => {
  // Signed in (and the token's "last used" written) before the lock.
  assert.equal((await call(projects.GET)).status, 200);
  const other = new BetterSqlite3(file);
  other.exec("BEGIN EXCLUSIVE");
  try {
    const refused = await call(projects.POST, { body: { name: "Shop" } });
    assert.equal(refused.status, 503, refused.text);
    assert.equal(refused.json.error, "database_unavailable");
    assert.match(refused.json.message, /busy or unreachable/);
    assert.equal(refused.headers.get("retry-after"), "5");
    const listed = await call(projects.GET);
    assert.equal(listed.status, 200, listed.text);
  } finally {
    other.exec("COMMIT");
    other.close();
  }
  const created = await call(projects.POST, { body: { name: "Shop" } });
  assert.equal(created.status, 201, created.text);
  assert.equal(await db.project.count({ where: { name: "Shop" } }), 1, "nothing half-saved by the refused attempt");
});
