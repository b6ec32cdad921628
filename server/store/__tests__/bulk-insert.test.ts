// The freeze writes a chunk of rows as one multi-row INSERT (issue 12): Prisma splits a
// createMany by the adapter's bound-parameter limit, 999 for SQLite unless told otherwise, which
// turned a 1,000-row freeze into 23 INSERTs of rows and 11 of transitions. The SQLite adapter says
// 32,766, which is what better-sqlite3's SQLite allows.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { podRows } from "../../testing/object-rows.ts";
import BetterSqlite3 from "better-sqlite3";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { PrismaClient as SqliteClient } from "../generated/sqlite/client.ts";
import { patientSqliteAdapter, SQLITE_MAX_BIND_VALUES, SQLITE_TRANSACTION_OPTIONS } from "../sqlite-adapter.ts";
import { freezeStep } from "../step-records.ts";
import { loadStepHistory } from "../transitions.ts";
import type { Database } from "../database.ts";
import { seedRunningStep } from "../../../bench/lib/seed-step-run.ts";

let database: TestDatabase;
before(async () => (database = await createTestDatabase("sqlite")));
after(() => database.cleanup());

test("better-sqlite3's SQLite binds SQLITE_MAX_BIND_VALUES parameters in one statement, and not one more", () => {
  const db = new BetterSqlite3(":memory:");
  const values = (n: number) => `SELECT count(*) AS n FROM (VALUES ${Array.from({ length: n }, () => "(?)").join(",")})`;
  assert.deepEqual(db.prepare(values(SQLITE_MAX_BIND_VALUES)).get(...Array<number>(SQLITE_MAX_BIND_VALUES).fill(1)), { n: SQLITE_MAX_BIND_VALUES });
  assert.throws(() => db.prepare(values(SQLITE_MAX_BIND_VALUES + 1)), /too many SQL variables/);
  db.close();
});

test("freezing 6,000 rows on SQLite is one INSERT per chunk of 5,000: 2 for the rows with their 12,000 transitions, 2 for 6,000 transitions of objects gone from the table", async () => {
  const inserts: string[] = [];
  const factory = patientSqliteAdapter(database.url.replace(/^file:/, ""));
  type Connected = Awaited<ReturnType<typeof factory.connect>>;
  type Transaction = Awaited<ReturnType<Connected["startTransaction"]>>;
  const count = <T extends Pick<Connected, "executeRaw" | "queryRaw">>(target: T): T => {
    for (const method of ["executeRaw", "queryRaw"] as const) {
      const original = target[method].bind(target) as T[typeof method];
      (target as Record<string, unknown>)[method] = (query: { sql: string }) => {
        const table = /^\s*INSERT INTO\s+(?:[`"]?\w+[`"]?\.)?[`"]?(\w+)/i.exec(query.sql)?.[1];
        if (table) inserts.push(table);
        else if (/INSERT/i.test(query.sql)) inserts.push(query.sql.slice(0, 60));
        return (original as (query: unknown) => unknown)(query);
      };
    }
    return target;
  };
  const counting = {
    ...factory,
    async connect() {
      const adapter = count(await factory.connect());
      const start = adapter.startTransaction.bind(adapter);
      adapter.startTransaction = async (...args: Parameters<Connected["startTransaction"]>) => count((await start(...args)) as Transaction);
      return adapter;
    },
  } as typeof factory;
  const db = new SqliteClient({ adapter: counting, transactionOptions: SQLITE_TRANSACTION_OPTIONS }) as unknown as Database;
  try {
    const { stepRunId } = await seedRunningStep(db, "bulk");
    const at = new Date();
    const rows = podRows(6_000, { at, namespace: "bench" });
    const transitions = rows.flatMap((row) => [
      { key: row.key, at, status: "InProgress", message: "Waiting" },
      { key: row.key, at, status: "Success", message: row.message },
      { key: `gone-${row.key}`, at, status: "InProgress", message: "Deleted before the end" },
    ]);
    inserts.length = 0;
    assert.equal(await freezeStep(db, stepRunId, { status: "Succeeded", outcomeMessage: "ok", rows, transitions, finishedAt: at, lastSequence: 1 }), true);
    assert.deepEqual(
      inserts.filter((table) => table === "ObjectRow" || table === "ObjectStatusTransition"),
      ["ObjectRow", "ObjectRow", "ObjectStatusTransition", "ObjectStatusTransition"],
    );
    assert.equal(await db.objectRow.count({ where: { stepRunId } }), 6_000);
    assert.equal(await db.objectStatusTransition.count({ where: { stepRunId } }), 6_000);
    assert.equal((await loadStepHistory(db, stepRunId)).length, 18_000);
  } finally {
    await db.$disconnect();
  }
});
