// PostgreSQL's trigram indexes of the audit search (search-index-merge.ts): the freeze leaves its
// rows' entries in the pending list and merges them after its commit, so the list empties without
// another insert or autovacuum; the list holds up to 16 MB; searches find the rows meanwhile.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { podRows } from "../../testing/object-rows.ts";
import { createTestDatabase, postgresTestUrl, type TestDatabase } from "../../testing/test-database.ts";
import { freezeStep } from "../step-records.ts";
import { TRIGRAM_INDEXES } from "../search-index-merge.ts";
import { seedRunningStep } from "../../../bench/lib/seed-step-run.ts";
import { eventually } from "../../../sandbox/test/eventually.ts";

// PostgreSQL only: SQLite's search indexes (FTS5) have no pending list.
describe(
  "the trigram indexes' pending list on postgresql",
  { skip: postgresTestUrl ? false : "needs KDEPLOY_TEST_POSTGRES_URL (scripts/test-all.sh sets it)" },
  () => {
    let database: TestDatabase;
    before(async () => {
      database = await createTestDatabase("postgresql");
      // pgstatginindex (contrib, shipped with PostgreSQL) reads the pending list's size; the app does not need it.
      await database.db.$executeRawUnsafe("CREATE EXTENSION IF NOT EXISTS pgstattuple");
      // Autovacuum and autoanalyze merge pending lists too: off for this table, only the freeze's merge is left.
      await database.db.$executeRawUnsafe(`ALTER TABLE "ObjectRow" SET (autovacuum_enabled = false)`);
    });
    after(() => database.cleanup());

    const pendingPages = async () =>
      Promise.all(
        TRIGRAM_INDEXES.map(async (index) => {
          const [row] = await database.db.$queryRawUnsafe<{ pages: number }[]>(`SELECT pending_pages AS pages FROM pgstatginindex('"${index}"'::regclass)`);
          return Number(row!.pages);
        }),
      );

    test("each index keeps up to 16 MB pending", async () => {
      for (const index of TRIGRAM_INDEXES) {
        const [row] = await database.db.$queryRawUnsafe<{ options: string[] }[]>(`SELECT reloptions AS options FROM pg_class WHERE relname = '${index}'`);
        assert.deepEqual(row!.options, ["gin_pending_list_limit=16384"]);
      }
    });

    test("a freeze's entries are searchable at once and merged after its commit", async () => {
      const { stepRunId } = await seedRunningStep(database.db, "merge");
      const at = new Date();
      const rows = podRows(500, { at, name: (i) => `web-${i}-5d8f7b9c4-x7kq${i}`, message: (i) => `Back-off pulling image ${i}` });
      assert.equal(
        await freezeStep(database.db, stepRunId, { status: "Succeeded", outcomeMessage: "ok", rows, transitions: [], finishedAt: at, lastSequence: 1 }),
        true,
      );
      const found = await database.db.$queryRawUnsafe<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM "ObjectRow" WHERE "name" ILIKE '%x7kq49' AND "message" ILIKE '%image 49'`,
      );
      assert.equal(found[0]!.n, 1, "found through the indexes whether merged or not");
      // Nothing else inserts here and autovacuum is off: only the freeze's merge empties the list.
      await eventually("the pending lists merged", pendingPages, (pages) => pages.every((count) => count === 0), 15_000);
    });
  },
);
