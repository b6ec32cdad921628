// "Name contains" over frozen rows on SQLite goes through the FTS5 trigram index
// ObjectRowNameSearch (migration 20261201182956_audit_search_order_indexes) and keeps the exact
// "contains" rule: ASCII case-insensitive, % and _ literal, fragments under 3 characters still
// found (by a scan); rows enter the index when frozen (inserted frozen or stamped later) and leave
// it when deleted; live rows are never found.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { searchAudit } from "../search.ts";
import { auditSearchQuery } from "../../contracts/audit.ts";
import { createEnvironment, createProject, createSnapshot } from "./snapshot-builders.ts";

let database: TestDatabase;
let projectId: string;
let environmentId: string;

before(async () => {
  database = await createTestDatabase("sqlite");
  const { db } = database;
  projectId = (await createProject(db)).id;
  environmentId = (await createEnvironment(db)).id;
  await createSnapshot(db, {
    projectId,
    environmentId,
    frozenAt: new Date("2026-11-30T10:00:00Z"),
    objects: [
      { key: "checkout", name: "checkout-zq4f1-7b9xk" },
      { key: "percent", name: "odd-100%-name" },
      { key: "underscore", name: "odd_name" },
      { key: "web", name: "web-abc12" },
    ],
  });
});
after(() => database.cleanup());

const names = async (name: string) => {
  const page = await searchAudit(database.db, auditSearchQuery.parse({ mode: "objects", name, nameMatch: "contains", projectId }));
  return (page.items as { name: string }[]).map((item) => item.name).sort();
};

test("fragments are found case-insensitively, with % and _ taken literally, short ones too", async () => {
  assert.deepEqual(await names("OUT-ZQ4"), ["checkout-zq4f1-7b9xk"]);
  assert.deepEqual(await names("100%"), ["odd-100%-name"]);
  assert.deepEqual(await names("d_n"), ["odd_name"]);
  assert.deepEqual(await names("d-1_0"), [], "_ is a literal, not a wildcard");
  assert.deepEqual(await names("b-"), ["web-abc12"], "two characters: no trigram, still found");
  assert.deepEqual(await names("no-such-name"), []);
});

test("the search uses the trigram index, not a scan of every name", async () => {
  const plan = await database.db.$queryRawUnsafe<{ detail: string }[]>(
    `EXPLAIN QUERY PLAN SELECT o.id FROM "ObjectRow" o WHERE o.rowid IN (SELECT rowid FROM "ObjectRowNameSearch" WHERE "ObjectRowNameSearch" MATCH ?)`,
    '"checkout"',
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
      name: "zebra-live",
      status: "InProgress",
      lastChangeAt: new Date(),
    },
  });
  const indexed = async () =>
    Number((await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*) AS n FROM "ObjectRowNameSearch" WHERE "ObjectRowNameSearch" MATCH '"zebra"'`))[0]!.n);
  assert.equal(await indexed(), 0, "a live row is not in the index");
  await db.objectRow.update({ where: { id: live.id }, data: { frozenAt: run.frozenAt, projectId, stepStatus: run.status } });
  assert.equal(await indexed(), 1, "frozen: indexed");
  assert.deepEqual(await names("zebra"), ["zebra-live"]);
  await db.objectRow.delete({ where: { id: live.id } });
  assert.equal(await indexed(), 0, "deleted: gone from the index");
  assert.deepEqual(await names("zebra"), []);
});

test("a snapshot stamped by the search's safety net is found by name", async () => {
  await createSnapshot(database.db, {
    projectId,
    environmentId,
    frozenAt: new Date("2026-11-30T11:00:00Z"),
    unstamped: true,
    objects: [{ key: "late", name: "late-stamped-qx7" }],
  });
  assert.deepEqual(await names("stamped-qx"), ["late-stamped-qx7"]);
});
