// The driver adapter's transaction handed to the freeze (raw-transaction.ts): it is the very
// transaction Prisma's callback runs in (same transaction id, same uncommitted writes, rolled back
// with it), only inside its scope, one per scope; and the freeze's bulk statements take it, so
// Prisma's query compiler never sees their 4 MB parameters.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { podRows } from "../../testing/object-rows.ts";
import { PrismaPg } from "@prisma/adapter-pg";
import { createTestDatabase, testProviders, type TestDatabase } from "../../testing/test-database.ts";
import { rawTransaction, runWithRawTransaction, withRawTransactions } from "../raw-transaction.ts";
import { patientSqliteAdapter, SQLITE_TRANSACTION_OPTIONS } from "../sqlite-adapter.ts";
import { PrismaClient as SqliteClient } from "../generated/sqlite/client.ts";
import { PrismaClient as PostgresClient } from "../generated/postgresql/client.ts";
import { sqliteFilePath } from "../../config.ts";
import { freezeStep } from "../step-records.ts";
import type { Database } from "../database.ts";
import { seedRunningStep } from "../../../bench/lib/seed-step-run.ts";

const rawText = async (sql: string) => {
  const result = await rawTransaction()!.queryRaw({ sql, args: [], argTypes: [] });
  return String(result.rows[0]![0]);
};

for (const provider of testProviders()) {
  describe(`the adapter's transaction on ${provider}`, () => {
    let database: TestDatabase;
    let db: Database;
    // Prisma's own log of the statements it compiled and ran.
    const prismaQueries: string[] = [];
    before(async () => {
      database = await createTestDatabase(provider);
      const log: { emit: "event"; level: "query" }[] = [{ emit: "event", level: "query" }];
      db = (provider === "postgresql"
        ? new PostgresClient({ adapter: withRawTransactions(new PrismaPg({ connectionString: database.url })), log })
        : new SqliteClient({
            adapter: withRawTransactions(patientSqliteAdapter(sqliteFilePath(database.url))),
            transactionOptions: SQLITE_TRANSACTION_OPTIONS,
            log,
          })) as unknown as Database;
      (db as unknown as { $on(event: "query", listener: (event: { query: string }) => void): void }).$on("query", (event) => prismaQueries.push(event.query));
    });
    after(async () => {
      await db.$disconnect();
      await database.cleanup();
    });

    test("is the transaction Prisma's callback runs in: its writes, its id, its rollback", async () => {
      const { stepRunId } = await seedRunningStep(db, `same-${provider}`);
      const table = provider === "postgresql" ? `"StepRun"` : "StepRun";
      await assert.rejects(
        runWithRawTransaction(() =>
          db.$transaction(async (tx) => {
            await tx.stepRun.update({ where: { id: stepRunId }, data: { outcomeMessage: "written by Prisma" } });
            // Uncommitted: only the same transaction sees it.
            assert.equal(await rawText(`SELECT "outcomeMessage" FROM ${table} WHERE "id" = '${stepRunId}'`), "written by Prisma");
            if (provider === "postgresql") {
              const [prisma] = await tx.$queryRawUnsafe<{ id: string }[]>("SELECT txid_current()::text AS id");
              assert.equal(await rawText("SELECT txid_current()::text"), prisma!.id);
            }
            await rawTransaction()!.executeRaw({
              sql: `UPDATE ${table} SET "name" = 'written raw' WHERE "id" = '${stepRunId}'`,
              args: [],
              argTypes: [],
            });
            assert.equal((await tx.stepRun.findUniqueOrThrow({ where: { id: stepRunId } })).name, "written raw");
            throw new Error("roll back");
          }),
        ),
        /roll back/,
      );
      const run = await db.stepRun.findUniqueOrThrow({ where: { id: stepRunId } });
      assert.deepEqual([run.outcomeMessage, run.name], ["", "Apply"], "both writes were rolled back together");
    });

    test("exists only inside its scope, one transaction per scope", async () => {
      assert.equal(rawTransaction(), undefined);
      await db.$transaction(async () => assert.equal(rawTransaction(), undefined, "a transaction outside any scope is not handed over"));
      const seen = await Promise.all(
        [1, 2].map(() =>
          runWithRawTransaction(() =>
            db.$transaction(async (tx) => {
              await tx.stepRun.count();
              return rawTransaction();
            }),
          ),
        ),
      );
      assert.ok(seen[0] && seen[1]);
      assert.notEqual(seen[0], seen[1]);
    });

    test("the freeze's statements bypass Prisma's query compiler", async () => {
      prismaQueries.length = 0;
      const { stepRunId } = await seedRunningStep(db, `bulk-${provider}`);
      assert.ok(
        prismaQueries.some((sql) => /INSERT INTO\s+\S*["`]Project["`]/i.test(sql)),
        `Prisma's log shows the statements it ran: ${prismaQueries.join("\n")}`,
      );
      const at = new Date();
      const rows = podRows(3, { at });
      prismaQueries.length = 0;
      const transitions = [{ key: "gone", at, status: "Error", message: "deleted" }];
      assert.equal(await freezeStep(db, stepRunId, { status: "Succeeded", outcomeMessage: "ok", rows, transitions, finishedAt: at, lastSequence: 1 }), true);
      const frozen = prismaQueries.slice();
      assert.equal(await db.objectRow.count({ where: { stepRunId } }), 3);
      assert.equal(await db.objectStatusTransition.count({ where: { stepRunId } }), 1);
      assert.equal((await db.stepRun.findUniqueOrThrow({ where: { id: stepRunId } })).status, "Succeeded");
      // The claim, the delete and the inserts went to the adapter's transaction; Prisma only began and committed it.
      assert.deepEqual(
        frozen.filter((sql) => /["`](StepRun|ObjectRow|ObjectStatusTransition)["`]/.test(sql)),
        [],
      );
    });
  });
}
