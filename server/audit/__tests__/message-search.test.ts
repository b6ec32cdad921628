// The message search over frozen rows on SQLite goes through the FTS5 trigram index (migration
// 20261201123000_message_search) and keeps the exact "contains" rule: case-insensitive, quotes
// and wildcards literal (the API asks for 3 characters at least); rows enter the index when
// frozen and leave it when deleted; live rows are never found.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { searchAudit } from "../search.ts";
import { auditSearchQuery } from "../../contracts/audit.ts";
import { createEnvironment, createProject, createSnapshot } from "./snapshot-builders.ts";

let database: TestDatabase;
let projectId: string;

before(async () => {
  database = await createTestDatabase("sqlite");
  const { db } = database;
  projectId = (await createProject(db)).id;
  const environmentId = (await createEnvironment(db)).id;
  await createSnapshot(db, {
    projectId,
    environmentId,
    frozenAt: new Date("2026-11-30T10:00:00Z"),
    objects: [
      { key: "quoted", name: "quoted", message: 'Readiness probe failed: GET "/healthz" returned 503' },
      { key: "crash", name: "crash", message: "CrashLoopBackOff: back-off 5m0s restarting failed container" },
      { key: "percent", name: "percent", message: "CPU at 100% of its limit" },
    ],
  });
});
after(() => database.cleanup());

const names = async (message: string) => {
  const page = await searchAudit(database.db, auditSearchQuery.parse({ mode: "objects", message, projectId }));
  return (page.items as { name: string }[]).map((item) => item.name).sort();
};

test("fragments are found case-insensitively, with quotes, spaces and % taken literally", async () => {
  assert.deepEqual(await names("BACK-OFF 5M"), ["crash"]);
  assert.deepEqual(await names('"/healthz"'), ["quoted"]);
  assert.deepEqual(await names("100%"), ["percent"]);
  assert.deepEqual(await names("10_%"), [], "_ is a literal, not a wildcard");
  assert.deepEqual(await names("no-such-text"), []);
});

test("the search uses the trigram index, not a scan of every row", async () => {
  const plan = await database.db.$queryRawUnsafe<{ detail: string; id: unknown; parent: unknown }[]>(
    `EXPLAIN QUERY PLAN SELECT o.id FROM "ObjectRow" o WHERE o.rowid IN (SELECT rowid FROM "ObjectRowMessageSearch" WHERE "ObjectRowMessageSearch" MATCH ?)`,
    '"restarting"',
  );
  assert.ok(
    plan.some((step) => /VIRTUAL TABLE INDEX/.test(step.detail)),
    plan.map((step) => step.detail).join("; "),
  );
});

test("live rows are not indexed, frozen ones are, deleted ones leave the index", async () => {
  const { db } = database;
  const run = await db.stepRun.findFirstOrThrow({ where: { frozenAt: { not: null } } });
  const live = await db.objectRow.create({
    data: {
      stepRunId: run.id,
      objectKey: "live",
      topLevel: true,
      apiVersion: "v1",
      kind: "Pod",
      name: "live",
      status: "InProgress",
      message: "Pulling image zebra:1",
      lastChangeAt: new Date(),
    },
  });
  const indexed = async () =>
    (await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*) AS n FROM "ObjectRowMessageSearch" WHERE "ObjectRowMessageSearch" MATCH '"zebra"'`))[0]!.n;
  assert.equal(Number(await indexed()), 0, "a live row is not in the index");
  await db.objectRow.update({ where: { id: live.id }, data: { frozenAt: run.frozenAt, projectId, stepStatus: run.status } });
  assert.equal(Number(await indexed()), 1, "frozen: indexed");
  assert.deepEqual(await names("zebra"), ["live"]);
  await db.objectRow.delete({ where: { id: live.id } });
  assert.equal(Number(await indexed()), 0, "deleted: gone from the index");
  assert.deepEqual(await names("zebra"), []);
});
